/**
 * POST /ccx/service/{tenant}/Human_Resources[/vNN.N]: checks the tenant and the WS-Security
 * UsernameToken (or HTTP Basic), injects configured faults, and dispatches on the Body's
 * operation element. Faults are HTTP 500 with a SOAP 1.1 Fault, as Workday answers.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { FaultInjector } from "../faults/fault-config.js";
import type { HrSimStore } from "../store/worker-store.js";
import { getWorkersResponse, PageCursorCache, parseGetWorkers } from "./get-workers.js";
import { parseSoapRequest, SoapClientError, SoapFaultError, soapFault, soapResponse, type SoapRequest } from "./soap-message.js";
import { changeWorkContact, maintainContactInformation, updateWorkdayAccount, type ReferenceIds } from "./writeback.js";
import { basicCredentials, credentialsMatch, type Credentials } from "../server/credentials.js";

export interface WorkdayRouteOptions {
  readonly store: HrSimStore;
  readonly tenant: string;
  readonly credentials: Credentials;
  readonly faults: FaultInjector;
  readonly referenceIds: ReferenceIds;
  readonly now: () => number;
}

const paramsSchema = z.object({ tenant: z.string().min(1).max(100), version: z.string().regex(/^v\d{1,3}\.\d{1,2}$/).optional() });
const XML = "text/xml; charset=utf-8";

function sendFault(reply: FastifyReply, error: SoapFaultError): FastifyReply {
  return reply.code(500).type(XML).send(soapFault(error.kind, error.message, error.validation));
}

export function registerWorkdayRoutes(app: FastifyInstance, options: WorkdayRouteOptions): void {
  const cursors = new PageCursorCache();
  options.store.onChange((enteredAt) => cursors.invalidate(enteredAt));

  const handler = async (request: { params: unknown; body: unknown; headers: Record<string, string | string[] | undefined> }, reply: FastifyReply) => {
    const params = paramsSchema.safeParse(request.params);
    if (!params.success || params.data.tenant !== options.tenant) {
      return reply.code(404).type("text/plain").send("No such tenant or service version.");
    }
    await options.faults.delay("workday");
    const injected = options.faults.draw("workday");
    if (injected.kind === "error") {
      if (injected.error === "http503") return reply.code(503).type("text/html").send("<html><body>Service Unavailable: tenant in maintenance</body></html>");
      if (injected.error === "http500") return reply.code(500).type("text/plain").send("Internal Server Error");
      return sendFault(reply, new SoapFaultError("processingError", "The task submitted could not be processed (injected fault)."));
    }
    if (typeof request.body !== "string" || request.body.length === 0) {
      return sendFault(reply, new SoapFaultError("validationError", "The request body must be a SOAP envelope."));
    }
    let soap: SoapRequest;
    try {
      soap = parseSoapRequest(request.body);
    } catch (error) {
      if (error instanceof SoapClientError) return sendFault(reply, new SoapFaultError("validationError", error.message));
      throw error;
    }
    const basic = basicCredentials(request.headers.authorization);
    const username = soap.username ?? basic?.username;
    const password = soap.username !== undefined ? soap.password : basic?.password;
    if (injected.kind === "auth" || !credentialsMatch(options.credentials, username, password)) {
      return reply.code(500).type(XML).send(soapFault("authenticationError", "invalid username or password"));
    }
    try {
      const context = {
        store: options.store,
        referenceIds: options.referenceIds,
        now: options.now,
        pendingBusinessProcess: options.faults.of("workday").pendingBusinessProcess,
      };
      let body: string;
      switch (soap.operation) {
        case "Get_Workers_Request": {
          const parsed = parseGetWorkers(soap.payload, params.data.version, options.now());
          const faults = options.faults.of("workday");
          const malformed =
            faults.missingWorkerIdRate > 0 || faults.oversizeRate > 0
              ? { missingWorkerIdRate: faults.missingWorkerIdRate, oversizeRate: faults.oversizeRate }
              : undefined;
          body = await getWorkersResponse(options.store, parsed, cursors, malformed);
          break;
        }
        case "Change_Work_Contact_Information_Request":
          body = soapResponse(await changeWorkContact(context, soap.payload));
          break;
        case "Maintain_Contact_Information_for_Person_Event_Request":
          body = soapResponse(await maintainContactInformation(context, soap.payload));
          break;
        case "Workday_Account_for_Worker_Update":
          await updateWorkdayAccount(context, soap.payload);
          body = soapResponse(undefined);
          break;
        default:
          return sendFault(reply, new SoapFaultError("validationError", `The operation '${soap.operation}' is not supported by this service.`));
      }
      return reply.code(200).type(XML).send(options.faults.maybeTruncate("workday", body));
    } catch (error) {
      if (error instanceof SoapFaultError) return sendFault(reply, error);
      throw error;
    }
  };

  app.post("/ccx/service/:tenant/Human_Resources", handler);
  app.post("/ccx/service/:tenant/Human_Resources/:version", handler);
}
