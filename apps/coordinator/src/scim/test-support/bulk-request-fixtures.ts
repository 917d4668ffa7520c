/** Bulk requests used by the SCIM tests: two workers (one terminated), as in the project's HR API notes. */
export const CONTOSO_URN = "urn:ietf:params:scim:schemas:extension:contoso:1.0:User";

export function exampleBulkRequest(): Record<string, unknown> & { Operations: Record<string, unknown>[] } {
  return {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
    Operations: [
      {
        method: "POST",
        bulkId: "W-21045",
        path: "/Users",
        data: {
          schemas: [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            CONTOSO_URN,
          ],
          externalId: "21045",
          userName: "jo.rivera",
          name: { givenName: "Jo", familyName: "Rivera", middleName: "A" },
          displayName: "Jo Rivera",
          title: "Senior Software Engineer, Identity",
          userType: "Employee",
          active: true,
          emails: [{ value: "jo.rivera@personal.example", type: "home" }],
          phoneNumbers: [
            { value: "+1 206 555 0142", type: "work" },
            { value: "+1 425 555 0199", type: "mobile" },
          ],
          addresses: [
            {
              type: "work",
              streetAddress: "1200 Harbor Avenue",
              locality: "Seattle",
              region: "WA",
              postalCode: "98101",
              country: "US",
              primary: true,
            },
          ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            employeeNumber: "21045",
            costCenter: "4130",
            organization: "Contoso Ltd",
            division: "Engineering",
            department: "Platform Engineering",
            manager: { value: "21001" },
          },
          [CONTOSO_URN]: {
            HireDate: "2021-03-15T00:00:00-07:00",
            LocationCode: "LOC_SEA_01",
            TargetOU: "OU=Seattle,OU=Users,DC=contoso,DC=test",
          },
        },
      },
      {
        method: "POST",
        bulkId: "W-C-00881",
        path: "/Users",
        data: {
          schemas: [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
          ],
          externalId: "C-00881",
          userName: "lee.chen",
          name: { givenName: "Lee", familyName: "Chen" },
          displayName: "Lee Chen",
          userType: "Contractor",
          active: false,
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            employeeNumber: "C-00881",
            department: "Quality",
            manager: { value: "21045" },
          },
        },
      },
    ],
    failOnErrors: null,
  };
}

/** A minimal valid operation for worker `n`. */
export function minimalOperation(n: number): Record<string, unknown> {
  return {
    method: "POST",
    bulkId: `W-${n}`,
    path: "/Users",
    data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], externalId: String(n), active: true },
  };
}

export function bulkOf(operations: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: operations, ...extra };
}
