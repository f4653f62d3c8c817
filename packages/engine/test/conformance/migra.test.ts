import { conformanceSuite } from "./suite.js";

/** migra's fixtures (see suite.ts for how to run). */
conformanceSuite("migra");
