#!/usr/bin/env -S node --max-old-space-size=320
// Thin launcher so npm can link the binary before the first build. The old-generation cap keeps
// the coordinator's memory bounded: without it V8 lets garbage pile up to a quarter of the
// machine's RAM before collecting it in full (see docs/coordinator.md, "Memory").
import "../dist/main.js";
