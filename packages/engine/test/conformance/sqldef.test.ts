import { conformanceSuite } from "./suite.js";

/** sqldef's psqldef cases (see suite.ts for how to run). */
conformanceSuite("sqldef");
