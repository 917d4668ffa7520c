/** Test helpers: a minimal loopback SuccessFactors endpoint and example PerPerson objects. */
export {
  startFakeSuccessFactors,
  type FakeReply,
  type FakeSuccessFactorsOptions,
  type FakeSuccessFactorsServer,
  type RecordedRequest,
  type UpsertRowAnswer,
} from "./fake-successfactors-server.js";
export {
  amaraOkonkwo,
  globalAssignee,
  managerPerson,
  odataCollection,
  preHireAsOfStart,
  preHireMinimal,
  rehiredPerson,
} from "./example-persons.js";
