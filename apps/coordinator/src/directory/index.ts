export { CycleDirectory, type CycleDirectoryOptions, type CycleDirectoryStats } from "./cycle-directory.js";
