import { describeStoreContract } from "../../test/store-suite.js";
import { MemoryFlagStore } from "./memory.js";

describeStoreContract("memory", async (initial) => ({ store: new MemoryFlagStore(initial) }));
