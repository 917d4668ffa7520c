/**
 * hr-sim benchmark: seeds N generated workers into in-memory PGlite, then times
 *  - a Workday full import served to a raw HTTP client (server cost only: the pages are fetched
 *    and discarded), and the same import through the real @roster/workday client;
 *  - a SuccessFactors full import through the real @roster/successfactors client;
 *  - a filtered SuccessFactors page and $count.
 *
 *   npx tsx --conditions=source apps/hr-sim/src/bench/hr-sim-bench.ts [--workers 100000]
 *     [--page-size 500] [--version v34.0] [--skip-client] [--skip-sf]
 */
import { parseArgs } from "node:util";
import { createSuccessFactorsClient } from "@roster/successfactors";
import { createWorkdayClient } from "@roster/workday";
import { createHrSimServer } from "../server/create-server.js";

const { values } = parseArgs({
  options: {
    workers: { type: "string", default: "100000" },
    "page-size": { type: "string", default: "500" },
    version: { type: "string", default: "v34.0" },
    "skip-client": { type: "boolean", default: false },
    "skip-sf": { type: "boolean", default: false },
    "skip-raw": { type: "boolean", default: false },
  },
});
const workers = Number(values.workers);
const pageSize = Number(values["page-size"]);
const version = values.version;
const credentials = { username: "ISU_Roster@bench", password: "bench-password", bearerTokens: ["bench-token"] };

const seconds = (started: number): number => (performance.now() - started) / 1000;
let cpuMark = process.cpuUsage();
/** CPU seconds of this process (server and client) since the last call: less noisy than wall time on a shared machine. */
const cpu = (): string => {
  const used = process.cpuUsage(cpuMark);
  cpuMark = process.cpuUsage();
  return `${((used.user + used.system) / 1e6).toFixed(2)} s CPU`;
};
const rate = (count: number, time: number): string => `${count} in ${time.toFixed(2)} s = ${Math.round(count / time)} workers/s`;

let started = performance.now();
const sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: "bench", workers, seed: 7, referenceDate: "2026-01-15" });
console.log(`start + seed: ${rate(workers, seconds(started))}, ${cpu()}`);
const endpoint = `${sim.url}/ccx/service/bench/Human_Resources/${version}`;

try {
  cpu();
  if (!values["skip-raw"]) {
    // The request body the connector sends for a full import (transaction types, as-of moments).
    const now = new Date().toISOString();
    const body = (page: number) => `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wd="urn:com.workday/bsvc">
<env:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken>
<wsse:Username>${credentials.username}</wsse:Username><wsse:Password>${credentials.password}</wsse:Password></wsse:UsernameToken></wsse:Security></env:Header>
<env:Body><wd:Get_Workers_Request wd:version="${version}">
<wd:Request_Criteria><wd:Transaction_Log_Criteria_Data><wd:Transaction_Type_References>
<wd:Transaction_Type_Reference><wd:ID wd:type="Business_Process_Type">Hire Employee</wd:ID></wd:Transaction_Type_Reference>
<wd:Transaction_Type_Reference><wd:ID wd:type="Business_Process_Type">Contract Contingent Worker</wd:ID></wd:Transaction_Type_Reference>
</wd:Transaction_Type_References></wd:Transaction_Log_Criteria_Data></wd:Request_Criteria>
<wd:Response_Filter><wd:As_Of_Effective_Date>${now.slice(0, 10)}Z</wd:As_Of_Effective_Date><wd:As_Of_Entry_DateTime>${now}</wd:As_Of_Entry_DateTime>
<wd:Page>${page}</wd:Page><wd:Count>${pageSize}</wd:Count></wd:Response_Filter>
<wd:Response_Group><wd:Include_Reference>1</wd:Include_Reference><wd:Include_Personal_Information>1</wd:Include_Personal_Information>
<wd:Include_Employment_Information>1</wd:Include_Employment_Information><wd:Include_Organizations>1</wd:Include_Organizations>
<wd:Include_Management_Chain_Data>1</wd:Include_Management_Chain_Data><wd:Include_Transaction_Log_Data>1</wd:Include_Transaction_Log_Data>
</wd:Response_Group></wd:Get_Workers_Request></env:Body></env:Envelope>`;
    started = performance.now();
    let bytes = 0;
    let received = 0;
    for (let page = 1; ; page++) {
      const response = await fetch(endpoint, { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, body: body(page) });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`page ${page}: HTTP ${response.status}: ${text.slice(0, 300)}`);
      bytes += text.length;
      received += Number(/<wd:Page_Results>(\d+)</.exec(text)?.[1] ?? 0);
      const totalPages = Number(/<wd:Total_Pages>(\d+)</.exec(text)?.[1] ?? 0);
      if (page >= totalPages) break;
    }
    const time = seconds(started);
    console.log(`Workday raw pages (Count ${pageSize}, ${version}): ${rate(received, time)} (${(bytes / 1e6).toFixed(0)} MB), ${cpu()}`);
  }

  if (!values["skip-client"]) {
    const wd = createWorkdayClient({ endpoint, username: credentials.username, password: credentials.password, pageSize });
    started = performance.now();
    let count = 0;
    for await (const item of wd.importAll()) {
      if (!item.ok) throw item.error;
      count++;
    }
    console.log(`Workday importAll via @roster/workday (Count ${pageSize}): ${rate(count, seconds(started))}`);
  }

  if (!values["skip-sf"]) {
    const sf = createSuccessFactorsClient({
      baseUrl: `${sim.url}/odata/v2/`,
      auth: { type: "basic", username: credentials.username, password: credentials.password },
      customPageSize: 1000,
    });
    started = performance.now();
    let count = 0;
    for await (const item of sf.importAll()) {
      if (!item.ok) throw item.error;
      count++;
    }
    console.log(`SuccessFactors importAll via @roster/successfactors: ${rate(count, seconds(started))}, ${cpu()}`);

    const headers = { authorization: "Bearer bench-token" };
    cpu();
    const filter = encodeURIComponent("employmentNav/jobInfoNav/department eq 'SUP_FIN_PAY' and employmentNav/userNav/status eq 't'");
    started = performance.now();
    const page = await fetch(`${sim.url}/odata/v2/PerPerson?$filter=${filter}&customPageSize=100`, { headers });
    const pageCount = ((await page.json()) as { d: { results: unknown[] } }).d.results.length;
    console.log(`SuccessFactors filtered page (${pageCount} persons): ${seconds(started).toFixed(3)} s`);
    started = performance.now();
    const count$ = await (await fetch(`${sim.url}/odata/v2/PerPerson/$count?$filter=${filter}`, { headers })).text();
    console.log(`SuccessFactors filtered $count (${count$}): ${seconds(started).toFixed(3)} s`);
    const all = encodeURIComponent("personEmpTerminationInfoNav/activeEmploymentsCount ne null");
    started = performance.now();
    const total = await (await fetch(`${sim.url}/odata/v2/PerPerson/$count?$filter=${all}`, { headers })).text();
    console.log(`SuccessFactors full-import $count (${total}): ${seconds(started).toFixed(3)} s`);
    const one = encodeURIComponent(`personIdExternal eq '${String(100_000 + workers - 5)}'`);
    started = performance.now();
    await (await fetch(`${sim.url}/odata/v2/PerPerson?$filter=${one}`, { headers })).text();
    console.log(`SuccessFactors single-person filter (last worker): ${seconds(started).toFixed(3)} s`);
  }
} finally {
  await sim.close();
}
