/**
 * API-driven inbound: a SCIM BulkRequest POSTed as application/scim+json. Only that media
 * type is parsed (within the body limit); any other one, application/json included, is
 * answered 400 before the body is read further, as the SCIM endpoint requires.
 */
import { RosterError } from "@roster/engine";
import { bulkRejectionOf } from "../../scim/bulk-upload-service.js";
import { isScimContentType } from "../../scim/parse-bulk-request.js";
import { SCIM_MEDIA_TYPE } from "../../scim/scim-constants.js";
import { actorOf } from "../auth.js";
import type { ApiApp, RouteContext } from "../api-app.js";
import {
  ERROR_RESPONSES,
  bulkAcceptedSchema,
  bulkParamsSchema,
  bulkRequestBodySchema,
  bulkStatusSchema,
  jobParamsSchema,
} from "../api-schemas.js";

const tags = ["bulk-upload"];

export function registerBulkUploadRoutes(app: ApiApp, context: RouteContext): void {
  const { services, publicUrl, bodyLimitBytes } = context;
  // Encapsulated: the SCIM parser and the catch-all below apply to these routes only.
  app.register(async (scope: ApiApp) => {
    scope.addContentTypeParser(
      SCIM_MEDIA_TYPE,
      { parseAs: "string", bodyLimit: bodyLimitBytes },
      scope.getDefaultJsonParser("error", "error"),
    );
    // Any other media type reaches the handler unparsed, so the answer is a 400 naming Content-Type, not a 415.
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: bodyLimitBytes }, (_request, body, done) =>
      done(null, body),
    );

    scope.post(
      "/jobs/:jobId/bulkUpload",
      {
        schema: {
          tags,
          summary: "Upload workers as a SCIM BulkRequest (application/scim+json)",
          consumes: [SCIM_MEDIA_TYPE],
          params: jobParamsSchema,
          body: bulkRequestBodySchema,
          response: { 202: bulkAcceptedSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const contentType = request.headers["content-type"];
        if (!isScimContentType(contentType)) {
          const got = contentType === undefined || contentType === "" ? "none" : `"${contentType}"`;
          throw new RosterError("InvalidRequest", `Content-Type must be "${SCIM_MEDIA_TYPE}"; got ${got}.`, {
            field: "Content-Type",
          });
        }
        let accepted: Awaited<ReturnType<typeof services.bulkUpload>>;
        try {
          accepted = await services.bulkUpload(request.params.jobId, request.body, contentType, actorOf(request));
        } catch (error) {
          // A refused BulkRequest is answered the SCIM way (RFC 7644 §3.12): 400 or 413 with a SCIM error body.
          const rejection = bulkRejectionOf(error);
          if (rejection === null) throw error;
          return reply
            .code(rejection.httpStatus)
            .header("content-type", SCIM_MEDIA_TYPE)
            .send(JSON.stringify(rejection.scimError) as never);
        }
        const location = absoluteLocation(accepted.location, publicUrl);
        return reply
          .code(202)
          .header("location", location)
          .send({ requestId: accepted.requestId, location, status: accepted.status });
      },
    );

    scope.get(
      "/jobs/:jobId/bulkUpload/:requestId",
      {
        schema: {
          tags,
          summary: "The status of a bulk upload, per operation",
          params: bulkParamsSchema,
          response: { 200: bulkStatusSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.bulkUploadStatus(request.params.jobId, request.params.requestId),
    );
  });
}

/** A path the service returns becomes absolute under the public URL (no trailing slash), when one is configured. */
function absoluteLocation(location: string, publicUrl: string | undefined): string {
  return publicUrl === undefined || !location.startsWith("/") ? location : publicUrl + location;
}
