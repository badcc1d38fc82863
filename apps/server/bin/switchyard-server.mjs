#!/usr/bin/env node
// switchyard-server: the flag and config HTTP API (see dist/main.js).
import "../dist/main.js";
