// Stamps the engine's build with the hash of the code that normalizes desired states (see
// src/desired/cache/build-identity.ts): a run then reads one file instead of hashing ≈300.
import { writeBuildIdentity } from "../dist/desired/cache/build-identity.js";

writeBuildIdentity();
