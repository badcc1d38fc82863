// How paths are shown has one home: config-schema's displayPath (relative inside cwd, `.` for cwd).
export { displayPath } from "@switchyard/config-schema/fs";
