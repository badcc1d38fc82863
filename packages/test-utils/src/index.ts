export { freePort, RedisServer } from "./redis-server.js";
