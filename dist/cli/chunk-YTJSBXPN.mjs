import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  require_ajv,
  require_dist
} from "./chunk-UXF5Q43A.mjs";
import {
  pushArtifact
} from "./chunk-7DIQSUN7.mjs";
import {
  GateError,
  cleanText,
  describe,
  inputError
} from "./chunk-6AKVQXYQ.mjs";
import {
  __toESM
} from "./chunk-H6LM4NHK.mjs";

// src/sbom/load.ts
var import_ajv = __toESM(require_ajv(), 1);
var import_ajv_formats = __toESM(require_dist(), 1);
import fs from "node:fs/promises";

// src/sbom/schemas/cyclonedx-bom-1.5.schema.json
var cyclonedx_bom_1_5_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "http://cyclonedx.org/schema/bom-1.5.schema.json",
  type: "object",
  required: ["bomFormat", "specVersion"],
  additionalProperties: false,
  properties: {
    $schema: { type: "string", enum: ["http://cyclonedx.org/schema/bom-1.5.schema.json"] },
    bomFormat: { type: "string", enum: ["CycloneDX"] },
    specVersion: { type: "string" },
    serialNumber: {
      type: "string",
      pattern: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    },
    version: { type: "integer", minimum: 1, default: 1 },
    metadata: { $ref: "#/definitions/metadata" },
    components: { type: "array", items: { $ref: "#/definitions/component" }, uniqueItems: true },
    services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
    externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
    dependencies: { type: "array", items: { $ref: "#/definitions/dependency" }, uniqueItems: true },
    compositions: {
      type: "array",
      items: { $ref: "#/definitions/compositions" },
      uniqueItems: true
    },
    vulnerabilities: {
      type: "array",
      items: { $ref: "#/definitions/vulnerability" },
      uniqueItems: true
    },
    annotations: { type: "array", items: { $ref: "#/definitions/annotations" }, uniqueItems: true },
    formulation: { type: "array", items: { $ref: "#/definitions/formula" }, uniqueItems: true },
    properties: { type: "array", items: { $ref: "#/definitions/property" } },
    signature: { $ref: "#/definitions/signature" }
  },
  definitions: {
    refType: { type: "string", minLength: 1 },
    refLinkType: { allOf: [{ $ref: "#/definitions/refType" }] },
    bomLinkDocumentType: {
      type: "string",
      format: "iri-reference",
      pattern: "^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[1-9][0-9]*$"
    },
    bomLinkElementType: {
      type: "string",
      format: "iri-reference",
      pattern: "^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[1-9][0-9]*#.+$"
    },
    bomLink: {
      anyOf: [
        { $ref: "#/definitions/bomLinkDocumentType" },
        { $ref: "#/definitions/bomLinkElementType" }
      ]
    },
    metadata: {
      type: "object",
      additionalProperties: false,
      properties: {
        timestamp: { type: "string", format: "date-time" },
        lifecycles: {
          type: "array",
          items: {
            type: "object",
            oneOf: [
              {
                required: ["phase"],
                additionalProperties: false,
                properties: {
                  phase: {
                    type: "string",
                    enum: [
                      "design",
                      "pre-build",
                      "build",
                      "post-build",
                      "operations",
                      "discovery",
                      "decommission"
                    ]
                  }
                }
              },
              {
                required: ["name"],
                additionalProperties: false,
                properties: { name: { type: "string" }, description: { type: "string" } }
              }
            ]
          }
        },
        tools: {
          oneOf: [
            {
              type: "object",
              additionalProperties: false,
              properties: {
                components: {
                  type: "array",
                  items: { $ref: "#/definitions/component" },
                  uniqueItems: true
                },
                services: {
                  type: "array",
                  items: { $ref: "#/definitions/service" },
                  uniqueItems: true
                }
              }
            },
            { type: "array", items: { $ref: "#/definitions/tool" } }
          ]
        },
        authors: { type: "array", items: { $ref: "#/definitions/organizationalContact" } },
        component: { $ref: "#/definitions/component" },
        manufacture: { $ref: "#/definitions/organizationalEntity" },
        supplier: { $ref: "#/definitions/organizationalEntity" },
        licenses: { $ref: "#/definitions/licenseChoice" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    tool: {
      type: "object",
      additionalProperties: false,
      properties: {
        vendor: { type: "string" },
        name: { type: "string" },
        version: { type: "string" },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } }
      }
    },
    organizationalEntity: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        url: { type: "array", items: { type: "string", format: "iri-reference" } },
        contact: { type: "array", items: { $ref: "#/definitions/organizationalContact" } }
      }
    },
    organizationalContact: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        email: { type: "string", format: "idn-email" },
        phone: { type: "string" }
      }
    },
    component: {
      type: "object",
      required: ["type", "name"],
      additionalProperties: false,
      properties: {
        type: {
          type: "string",
          enum: [
            "application",
            "framework",
            "library",
            "container",
            "platform",
            "operating-system",
            "device",
            "device-driver",
            "firmware",
            "file",
            "machine-learning-model",
            "data"
          ]
        },
        "mime-type": { type: "string", pattern: "^[-+a-z0-9.]+/[-+a-z0-9.]+$" },
        "bom-ref": { $ref: "#/definitions/refType" },
        supplier: { $ref: "#/definitions/organizationalEntity" },
        author: { type: "string" },
        publisher: { type: "string" },
        group: { type: "string" },
        name: { type: "string" },
        version: { type: "string" },
        description: { type: "string" },
        scope: { type: "string", enum: ["required", "optional", "excluded"], default: "required" },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } },
        licenses: { $ref: "#/definitions/licenseChoice" },
        copyright: { type: "string" },
        cpe: { type: "string" },
        purl: { type: "string" },
        swid: { $ref: "#/definitions/swid" },
        modified: { type: "boolean" },
        pedigree: {
          type: "object",
          additionalProperties: false,
          properties: {
            ancestors: { type: "array", items: { $ref: "#/definitions/component" } },
            descendants: { type: "array", items: { $ref: "#/definitions/component" } },
            variants: { type: "array", items: { $ref: "#/definitions/component" } },
            commits: { type: "array", items: { $ref: "#/definitions/commit" } },
            patches: { type: "array", items: { $ref: "#/definitions/patch" } },
            notes: { type: "string" }
          }
        },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        components: {
          type: "array",
          items: { $ref: "#/definitions/component" },
          uniqueItems: true
        },
        evidence: { $ref: "#/definitions/componentEvidence" },
        releaseNotes: { $ref: "#/definitions/releaseNotes" },
        modelCard: { $ref: "#/definitions/modelCard" },
        data: { type: "array", items: { $ref: "#/definitions/componentData" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    swid: {
      type: "object",
      required: ["tagId", "name"],
      additionalProperties: false,
      properties: {
        tagId: { type: "string" },
        name: { type: "string" },
        version: { type: "string", default: "0.0" },
        tagVersion: { type: "integer", default: 0 },
        patch: { type: "boolean", default: false },
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" }
      }
    },
    attachment: {
      type: "object",
      required: ["content"],
      additionalProperties: false,
      properties: {
        contentType: { type: "string", default: "text/plain" },
        encoding: { type: "string", enum: ["base64"] },
        content: { type: "string" }
      }
    },
    hash: {
      type: "object",
      required: ["alg", "content"],
      additionalProperties: false,
      properties: {
        alg: { $ref: "#/definitions/hash-alg" },
        content: { $ref: "#/definitions/hash-content" }
      }
    },
    "hash-alg": {
      type: "string",
      enum: [
        "MD5",
        "SHA-1",
        "SHA-256",
        "SHA-384",
        "SHA-512",
        "SHA3-256",
        "SHA3-384",
        "SHA3-512",
        "BLAKE2b-256",
        "BLAKE2b-384",
        "BLAKE2b-512",
        "BLAKE3"
      ]
    },
    "hash-content": {
      type: "string",
      pattern: "^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$"
    },
    license: {
      type: "object",
      oneOf: [{ required: ["id"] }, { required: ["name"] }],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        id: { $ref: "spdx.schema.json" },
        name: { type: "string" },
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" },
        licensing: {
          type: "object",
          additionalProperties: false,
          properties: {
            altIds: { type: "array", items: { type: "string" } },
            licensor: {
              type: "object",
              additionalProperties: false,
              properties: {
                organization: { $ref: "#/definitions/organizationalEntity" },
                individual: { $ref: "#/definitions/organizationalContact" }
              },
              oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
            },
            licensee: {
              type: "object",
              additionalProperties: false,
              properties: {
                organization: { $ref: "#/definitions/organizationalEntity" },
                individual: { $ref: "#/definitions/organizationalContact" }
              },
              oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
            },
            purchaser: {
              type: "object",
              additionalProperties: false,
              properties: {
                organization: { $ref: "#/definitions/organizationalEntity" },
                individual: { $ref: "#/definitions/organizationalContact" }
              },
              oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
            },
            purchaseOrder: { type: "string" },
            licenseTypes: {
              type: "array",
              items: {
                type: "string",
                enum: [
                  "academic",
                  "appliance",
                  "client-access",
                  "concurrent-user",
                  "core-points",
                  "custom-metric",
                  "device",
                  "evaluation",
                  "named-user",
                  "node-locked",
                  "oem",
                  "perpetual",
                  "processor-points",
                  "subscription",
                  "user",
                  "other"
                ]
              }
            },
            lastRenewal: { type: "string", format: "date-time" },
            expiration: { type: "string", format: "date-time" }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    licenseChoice: {
      type: "array",
      oneOf: [
        {
          type: "array",
          items: {
            type: "object",
            required: ["license"],
            additionalProperties: false,
            properties: { license: { $ref: "#/definitions/license" } }
          }
        },
        {
          type: "array",
          additionalItems: false,
          minItems: 1,
          maxItems: 1,
          items: [
            {
              type: "object",
              additionalProperties: false,
              required: ["expression"],
              properties: {
                expression: { type: "string" },
                "bom-ref": { $ref: "#/definitions/refType" }
              }
            }
          ]
        }
      ]
    },
    commit: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        url: { type: "string", format: "iri-reference" },
        author: { $ref: "#/definitions/identifiableAction" },
        committer: { $ref: "#/definitions/identifiableAction" },
        message: { type: "string" }
      }
    },
    patch: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { type: "string", enum: ["unofficial", "monkey", "backport", "cherry-pick"] },
        diff: { $ref: "#/definitions/diff" },
        resolves: { type: "array", items: { $ref: "#/definitions/issue" } }
      }
    },
    diff: {
      type: "object",
      additionalProperties: false,
      properties: {
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" }
      }
    },
    issue: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { type: "string", enum: ["defect", "enhancement", "security"] },
        id: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        source: {
          type: "object",
          additionalProperties: false,
          properties: {
            name: { type: "string" },
            url: { type: "string", format: "iri-reference" }
          }
        },
        references: { type: "array", items: { type: "string", format: "iri-reference" } }
      }
    },
    identifiableAction: {
      type: "object",
      additionalProperties: false,
      properties: {
        timestamp: { type: "string", format: "date-time" },
        name: { type: "string" },
        email: { type: "string", format: "idn-email" }
      }
    },
    externalReference: {
      type: "object",
      required: ["url", "type"],
      additionalProperties: false,
      properties: {
        url: {
          anyOf: [{ type: "string", format: "iri-reference" }, { $ref: "#/definitions/bomLink" }]
        },
        comment: { type: "string" },
        type: {
          type: "string",
          enum: [
            "vcs",
            "issue-tracker",
            "website",
            "advisories",
            "bom",
            "mailing-list",
            "social",
            "chat",
            "documentation",
            "support",
            "distribution",
            "distribution-intake",
            "license",
            "build-meta",
            "build-system",
            "release-notes",
            "security-contact",
            "model-card",
            "log",
            "configuration",
            "evidence",
            "formulation",
            "attestation",
            "threat-model",
            "adversary-model",
            "risk-assessment",
            "vulnerability-assertion",
            "exploitability-statement",
            "pentest-report",
            "static-analysis-report",
            "dynamic-analysis-report",
            "runtime-analysis-report",
            "component-analysis-report",
            "maturity-report",
            "certification-report",
            "codified-infrastructure",
            "quality-metrics",
            "poam",
            "other"
          ]
        },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } }
      }
    },
    dependency: {
      type: "object",
      required: ["ref"],
      additionalProperties: false,
      properties: {
        ref: { $ref: "#/definitions/refLinkType" },
        dependsOn: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/refLinkType" }
        }
      }
    },
    service: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        provider: { $ref: "#/definitions/organizationalEntity" },
        group: { type: "string" },
        name: { type: "string" },
        version: { type: "string" },
        description: { type: "string" },
        endpoints: { type: "array", items: { type: "string", format: "iri-reference" } },
        authenticated: { type: "boolean" },
        "x-trust-boundary": { type: "boolean" },
        trustZone: { type: "string" },
        data: { type: "array", items: { $ref: "#/definitions/serviceData" } },
        licenses: { $ref: "#/definitions/licenseChoice" },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
        releaseNotes: { $ref: "#/definitions/releaseNotes" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    serviceData: {
      type: "object",
      required: ["flow", "classification"],
      additionalProperties: false,
      properties: {
        flow: { $ref: "#/definitions/dataFlowDirection" },
        classification: { $ref: "#/definitions/dataClassification" },
        name: { type: "string" },
        description: { type: "string" },
        governance: { type: "object", $ref: "#/definitions/dataGovernance" },
        source: {
          type: "array",
          items: {
            anyOf: [
              { type: "string", format: "iri-reference" },
              { $ref: "#/definitions/bomLinkElementType" }
            ]
          }
        },
        destination: {
          type: "array",
          items: {
            anyOf: [
              { type: "string", format: "iri-reference" },
              { $ref: "#/definitions/bomLinkElementType" }
            ]
          }
        }
      }
    },
    dataFlowDirection: { type: "string", enum: ["inbound", "outbound", "bi-directional", "unknown"] },
    copyright: {
      type: "object",
      required: ["text"],
      additionalProperties: false,
      properties: { text: { type: "string" } }
    },
    componentEvidence: {
      type: "object",
      additionalProperties: false,
      properties: {
        identity: {
          type: "object",
          required: ["field"],
          additionalProperties: false,
          properties: {
            field: {
              type: "string",
              enum: ["group", "name", "version", "purl", "cpe", "swid", "hash"]
            },
            confidence: { type: "number", minimum: 0, maximum: 1 },
            methods: {
              type: "array",
              items: {
                type: "object",
                required: ["technique", "confidence"],
                additionalProperties: false,
                properties: {
                  technique: {
                    type: "string",
                    enum: [
                      "source-code-analysis",
                      "binary-analysis",
                      "manifest-analysis",
                      "ast-fingerprint",
                      "hash-comparison",
                      "instrumentation",
                      "dynamic-analysis",
                      "filename",
                      "attestation",
                      "other"
                    ]
                  },
                  confidence: { type: "number", minimum: 0, maximum: 1 },
                  value: { type: "string" }
                }
              }
            },
            tools: {
              type: "array",
              uniqueItems: true,
              items: {
                anyOf: [
                  { $ref: "#/definitions/refLinkType" },
                  { $ref: "#/definitions/bomLinkElementType" }
                ]
              }
            }
          }
        },
        occurrences: {
          type: "array",
          items: {
            type: "object",
            required: ["location"],
            additionalProperties: false,
            properties: { "bom-ref": { $ref: "#/definitions/refType" }, location: { type: "string" } }
          }
        },
        callstack: {
          type: "object",
          additionalProperties: false,
          properties: {
            frames: {
              type: "array",
              items: {
                type: "object",
                required: ["module"],
                additionalProperties: false,
                properties: {
                  package: { type: "string" },
                  module: { type: "string" },
                  function: { type: "string" },
                  parameters: { type: "array", items: { type: "string" } },
                  line: { type: "integer" },
                  column: { type: "integer" },
                  fullFilename: { type: "string" }
                }
              }
            }
          }
        },
        licenses: { $ref: "#/definitions/licenseChoice" },
        copyright: { type: "array", items: { $ref: "#/definitions/copyright" } }
      }
    },
    compositions: {
      type: "object",
      required: ["aggregate"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        aggregate: { $ref: "#/definitions/aggregateType" },
        assemblies: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        },
        dependencies: { type: "array", uniqueItems: true, items: { type: "string" } },
        vulnerabilities: { type: "array", uniqueItems: true, items: { type: "string" } },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    aggregateType: {
      type: "string",
      default: "not_specified",
      enum: [
        "complete",
        "incomplete",
        "incomplete_first_party_only",
        "incomplete_first_party_proprietary_only",
        "incomplete_first_party_opensource_only",
        "incomplete_third_party_only",
        "incomplete_third_party_proprietary_only",
        "incomplete_third_party_opensource_only",
        "unknown",
        "not_specified"
      ]
    },
    property: {
      type: "object",
      properties: { name: { type: "string" }, value: { type: "string" } }
    },
    localeType: { type: "string", pattern: "^([a-z]{2})(-[A-Z]{2})?$" },
    releaseType: { type: "string" },
    note: {
      type: "object",
      required: ["text"],
      additionalProperties: false,
      properties: {
        locale: { $ref: "#/definitions/localeType" },
        text: { $ref: "#/definitions/attachment" }
      }
    },
    releaseNotes: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { $ref: "#/definitions/releaseType" },
        title: { type: "string" },
        featuredImage: { type: "string", format: "iri-reference" },
        socialImage: { type: "string", format: "iri-reference" },
        description: { type: "string" },
        timestamp: { type: "string", format: "date-time" },
        aliases: { type: "array", items: { type: "string" } },
        tags: { type: "array", items: { type: "string" } },
        resolves: { type: "array", items: { $ref: "#/definitions/issue" } },
        notes: { type: "array", items: { $ref: "#/definitions/note" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    advisory: {
      type: "object",
      required: ["url"],
      additionalProperties: false,
      properties: { title: { type: "string" }, url: { type: "string", format: "iri-reference" } }
    },
    cwe: { type: "integer", minimum: 1 },
    severity: {
      type: "string",
      enum: ["critical", "high", "medium", "low", "info", "none", "unknown"]
    },
    scoreMethod: {
      type: "string",
      enum: ["CVSSv2", "CVSSv3", "CVSSv31", "CVSSv4", "OWASP", "SSVC", "other"]
    },
    impactAnalysisState: {
      type: "string",
      enum: [
        "resolved",
        "resolved_with_pedigree",
        "exploitable",
        "in_triage",
        "false_positive",
        "not_affected"
      ]
    },
    impactAnalysisJustification: {
      type: "string",
      enum: [
        "code_not_present",
        "code_not_reachable",
        "requires_configuration",
        "requires_dependency",
        "requires_environment",
        "protected_by_compiler",
        "protected_at_runtime",
        "protected_at_perimeter",
        "protected_by_mitigating_control"
      ]
    },
    rating: {
      type: "object",
      additionalProperties: false,
      properties: {
        source: { $ref: "#/definitions/vulnerabilitySource" },
        score: { type: "number" },
        severity: { $ref: "#/definitions/severity" },
        method: { $ref: "#/definitions/scoreMethod" },
        vector: { type: "string" },
        justification: { type: "string" }
      }
    },
    vulnerabilitySource: {
      type: "object",
      additionalProperties: false,
      properties: { url: { type: "string" }, name: { type: "string" } }
    },
    vulnerability: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        id: { type: "string" },
        source: { $ref: "#/definitions/vulnerabilitySource" },
        references: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "source"],
            additionalProperties: false,
            properties: {
              id: { type: "string" },
              source: { $ref: "#/definitions/vulnerabilitySource" }
            }
          }
        },
        ratings: { type: "array", items: { $ref: "#/definitions/rating" } },
        cwes: { type: "array", items: { $ref: "#/definitions/cwe" } },
        description: { type: "string" },
        detail: { type: "string" },
        recommendation: { type: "string" },
        workaround: { type: "string" },
        proofOfConcept: {
          type: "object",
          properties: {
            reproductionSteps: { type: "string" },
            environment: { type: "string" },
            supportingMaterial: { type: "array", items: { $ref: "#/definitions/attachment" } }
          }
        },
        advisories: { type: "array", items: { $ref: "#/definitions/advisory" } },
        created: { type: "string", format: "date-time" },
        published: { type: "string", format: "date-time" },
        updated: { type: "string", format: "date-time" },
        rejected: { type: "string", format: "date-time" },
        credits: {
          type: "object",
          additionalProperties: false,
          properties: {
            organizations: { type: "array", items: { $ref: "#/definitions/organizationalEntity" } },
            individuals: { type: "array", items: { $ref: "#/definitions/organizationalContact" } }
          }
        },
        tools: {
          oneOf: [
            {
              type: "object",
              additionalProperties: false,
              properties: {
                components: {
                  type: "array",
                  items: { $ref: "#/definitions/component" },
                  uniqueItems: true
                },
                services: {
                  type: "array",
                  items: { $ref: "#/definitions/service" },
                  uniqueItems: true
                }
              }
            },
            { type: "array", items: { $ref: "#/definitions/tool" } }
          ]
        },
        analysis: {
          type: "object",
          additionalProperties: false,
          properties: {
            state: { $ref: "#/definitions/impactAnalysisState" },
            justification: { $ref: "#/definitions/impactAnalysisJustification" },
            response: {
              type: "array",
              items: {
                type: "string",
                enum: ["can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"]
              }
            },
            detail: { type: "string" },
            firstIssued: { type: "string", format: "date-time" },
            lastUpdated: { type: "string", format: "date-time" }
          }
        },
        affects: {
          type: "array",
          uniqueItems: true,
          items: {
            type: "object",
            required: ["ref"],
            additionalProperties: false,
            properties: {
              ref: {
                anyOf: [
                  { $ref: "#/definitions/refLinkType" },
                  { $ref: "#/definitions/bomLinkElementType" }
                ]
              },
              versions: {
                type: "array",
                items: {
                  type: "object",
                  oneOf: [{ required: ["version"] }, { required: ["range"] }],
                  additionalProperties: false,
                  properties: {
                    version: { $ref: "#/definitions/version" },
                    range: { $ref: "#/definitions/range" },
                    status: { $ref: "#/definitions/affectedStatus", default: "affected" }
                  }
                }
              }
            }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    affectedStatus: { type: "string", enum: ["affected", "unaffected", "unknown"] },
    version: { type: "string", minLength: 1, maxLength: 1024 },
    range: { type: "string", minLength: 1, maxLength: 1024 },
    annotations: {
      type: "object",
      required: ["subjects", "annotator", "timestamp", "text"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        subjects: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        },
        annotator: {
          type: "object",
          oneOf: [
            { required: ["organization"] },
            { required: ["individual"] },
            { required: ["component"] },
            { required: ["service"] }
          ],
          additionalProperties: false,
          properties: {
            organization: { $ref: "#/definitions/organizationalEntity" },
            individual: { $ref: "#/definitions/organizationalContact" },
            component: { $ref: "#/definitions/component" },
            service: { $ref: "#/definitions/service" }
          }
        },
        timestamp: { type: "string", format: "date-time" },
        text: { type: "string" },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    modelCard: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        modelParameters: {
          type: "object",
          additionalProperties: false,
          properties: {
            approach: {
              type: "object",
              additionalProperties: false,
              properties: {
                type: {
                  type: "string",
                  enum: [
                    "supervised",
                    "unsupervised",
                    "reinforcement-learning",
                    "semi-supervised",
                    "self-supervised"
                  ]
                }
              }
            },
            task: { type: "string" },
            architectureFamily: { type: "string" },
            modelArchitecture: { type: "string" },
            datasets: {
              type: "array",
              items: {
                oneOf: [
                  { $ref: "#/definitions/componentData" },
                  {
                    type: "object",
                    additionalProperties: false,
                    properties: {
                      ref: {
                        anyOf: [
                          { $ref: "#/definitions/refLinkType" },
                          { $ref: "#/definitions/bomLinkElementType" }
                        ]
                      }
                    }
                  }
                ]
              }
            },
            inputs: { type: "array", items: { $ref: "#/definitions/inputOutputMLParameters" } },
            outputs: { type: "array", items: { $ref: "#/definitions/inputOutputMLParameters" } }
          }
        },
        quantitativeAnalysis: {
          type: "object",
          additionalProperties: false,
          properties: {
            performanceMetrics: { type: "array", items: { $ref: "#/definitions/performanceMetric" } },
            graphics: { $ref: "#/definitions/graphicsCollection" }
          }
        },
        considerations: {
          type: "object",
          additionalProperties: false,
          properties: {
            users: { type: "array", items: { type: "string" } },
            useCases: { type: "array", items: { type: "string" } },
            technicalLimitations: { type: "array", items: { type: "string" } },
            performanceTradeoffs: { type: "array", items: { type: "string" } },
            ethicalConsiderations: { type: "array", items: { $ref: "#/definitions/risk" } },
            fairnessAssessments: {
              type: "array",
              items: { $ref: "#/definitions/fairnessAssessment" }
            }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    inputOutputMLParameters: {
      type: "object",
      additionalProperties: false,
      properties: { format: { type: "string" } }
    },
    componentData: {
      type: "object",
      additionalProperties: false,
      required: ["type"],
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        type: {
          type: "string",
          enum: ["source-code", "configuration", "dataset", "definition", "other"]
        },
        name: { type: "string" },
        contents: {
          type: "object",
          additionalProperties: false,
          properties: {
            attachment: { $ref: "#/definitions/attachment" },
            url: { type: "string", format: "iri-reference" },
            properties: { type: "array", items: { $ref: "#/definitions/property" } }
          }
        },
        classification: { $ref: "#/definitions/dataClassification" },
        sensitiveData: { type: "array", items: { type: "string" } },
        graphics: { $ref: "#/definitions/graphicsCollection" },
        description: { type: "string" },
        governance: { type: "object", $ref: "#/definitions/dataGovernance" }
      }
    },
    dataGovernance: {
      type: "object",
      additionalProperties: false,
      properties: {
        custodians: {
          type: "array",
          items: { $ref: "#/definitions/dataGovernanceResponsibleParty" }
        },
        stewards: { type: "array", items: { $ref: "#/definitions/dataGovernanceResponsibleParty" } },
        owners: { type: "array", items: { $ref: "#/definitions/dataGovernanceResponsibleParty" } }
      }
    },
    dataGovernanceResponsibleParty: {
      type: "object",
      additionalProperties: false,
      properties: {
        organization: { $ref: "#/definitions/organizationalEntity" },
        contact: { $ref: "#/definitions/organizationalContact" }
      },
      oneOf: [{ required: ["organization"] }, { required: ["contact"] }]
    },
    graphicsCollection: {
      type: "object",
      additionalProperties: false,
      properties: {
        description: { type: "string" },
        collection: { type: "array", items: { $ref: "#/definitions/graphic" } }
      }
    },
    graphic: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, image: { $ref: "#/definitions/attachment" } }
    },
    performanceMetric: {
      type: "object",
      additionalProperties: false,
      properties: {
        type: { type: "string" },
        value: { type: "string" },
        slice: { type: "string" },
        confidenceInterval: {
          type: "object",
          additionalProperties: false,
          properties: { lowerBound: { type: "string" }, upperBound: { type: "string" } }
        }
      }
    },
    risk: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, mitigationStrategy: { type: "string" } }
    },
    fairnessAssessment: {
      type: "object",
      additionalProperties: false,
      properties: {
        groupAtRisk: { type: "string" },
        benefits: { type: "string" },
        harms: { type: "string" },
        mitigationStrategy: { type: "string" }
      }
    },
    dataClassification: { type: "string" },
    formula: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        components: {
          type: "array",
          items: { $ref: "#/definitions/component" },
          uniqueItems: true
        },
        services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
        workflows: { type: "array", items: { $ref: "#/definitions/workflow" }, uniqueItems: true },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    workflow: {
      type: "object",
      required: ["bom-ref", "uid", "taskTypes"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        tasks: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/task" } },
        taskDependencies: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/dependency" }
        },
        taskTypes: { type: "array", items: { $ref: "#/definitions/taskType" } },
        trigger: { $ref: "#/definitions/trigger" },
        steps: { type: "array", items: { $ref: "#/definitions/step" }, uniqueItems: true },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        timeStart: { type: "string", format: "date-time" },
        timeEnd: { type: "string", format: "date-time" },
        workspaces: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/workspace" }
        },
        runtimeTopology: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/dependency" }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    task: {
      type: "object",
      required: ["bom-ref", "uid", "taskTypes"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        taskTypes: { type: "array", items: { $ref: "#/definitions/taskType" } },
        trigger: { $ref: "#/definitions/trigger" },
        steps: { type: "array", items: { $ref: "#/definitions/step" }, uniqueItems: true },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        timeStart: { type: "string", format: "date-time" },
        timeEnd: { type: "string", format: "date-time" },
        workspaces: {
          type: "array",
          items: { $ref: "#/definitions/workspace" },
          uniqueItems: true
        },
        runtimeTopology: {
          type: "array",
          items: { $ref: "#/definitions/dependency" },
          uniqueItems: true
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    step: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        description: { type: "string" },
        commands: { type: "array", items: { $ref: "#/definitions/command" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    command: {
      type: "object",
      additionalProperties: false,
      properties: {
        executed: { type: "string" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    workspace: {
      type: "object",
      required: ["bom-ref", "uid"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        aliases: { type: "array", items: { type: "string" } },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        accessMode: {
          type: "string",
          enum: ["read-only", "read-write", "read-write-once", "write-once", "write-only"]
        },
        mountPath: { type: "string" },
        managedDataType: { type: "string" },
        volumeRequest: { type: "string" },
        volume: { $ref: "#/definitions/volume" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    volume: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        name: { type: "string" },
        mode: { type: "string", enum: ["filesystem", "block"], default: "filesystem" },
        path: { type: "string" },
        sizeAllocated: { type: "string" },
        persistent: { type: "boolean" },
        remote: { type: "boolean" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    trigger: {
      type: "object",
      additionalProperties: false,
      required: ["type", "bom-ref", "uid"],
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        type: { type: "string", enum: ["manual", "api", "webhook", "scheduled"] },
        event: { $ref: "#/definitions/event" },
        conditions: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/condition" }
        },
        timeActivated: { type: "string", format: "date-time" },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    event: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        description: { type: "string" },
        timeReceived: { type: "string", format: "date-time" },
        data: { $ref: "#/definitions/attachment" },
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    inputType: {
      type: "object",
      oneOf: [
        { required: ["resource"] },
        { required: ["parameters"] },
        { required: ["environmentVars"] },
        { required: ["data"] }
      ],
      additionalProperties: false,
      properties: {
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        resource: { $ref: "#/definitions/resourceReferenceChoice" },
        parameters: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/parameter" }
        },
        environmentVars: {
          type: "array",
          uniqueItems: true,
          items: { oneOf: [{ $ref: "#/definitions/property" }, { type: "string" }] }
        },
        data: { $ref: "#/definitions/attachment" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    outputType: {
      type: "object",
      oneOf: [{ required: ["resource"] }, { required: ["environmentVars"] }, { required: ["data"] }],
      additionalProperties: false,
      properties: {
        type: {
          type: "string",
          enum: ["artifact", "attestation", "log", "evidence", "metrics", "other"]
        },
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        resource: { $ref: "#/definitions/resourceReferenceChoice" },
        data: { $ref: "#/definitions/attachment" },
        environmentVars: {
          type: "array",
          items: { oneOf: [{ $ref: "#/definitions/property" }, { type: "string" }] },
          uniqueItems: true
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    resourceReferenceChoice: {
      type: "object",
      additionalProperties: false,
      properties: {
        ref: {
          anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
        },
        externalReference: { $ref: "#/definitions/externalReference" }
      },
      oneOf: [{ required: ["ref"] }, { required: ["externalReference"] }]
    },
    condition: {
      type: "object",
      additionalProperties: false,
      properties: {
        description: { type: "string" },
        expression: { type: "string" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    taskType: {
      type: "string",
      enum: [
        "copy",
        "clone",
        "lint",
        "scan",
        "merge",
        "build",
        "test",
        "deliver",
        "deploy",
        "release",
        "clean",
        "other"
      ]
    },
    parameter: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        value: { type: "string" },
        dataType: { type: "string" }
      }
    },
    signature: { $ref: "jsf-0.82.schema.json#/definitions/signature" }
  }
};

// src/sbom/schemas/cyclonedx-bom-1.6.schema.json
var cyclonedx_bom_1_6_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "http://cyclonedx.org/schema/bom-1.6.schema.json",
  type: "object",
  required: ["bomFormat", "specVersion"],
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    bomFormat: { type: "string", enum: ["CycloneDX"] },
    specVersion: { type: "string" },
    serialNumber: {
      type: "string",
      pattern: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    },
    version: { type: "integer", minimum: 1, default: 1 },
    metadata: { $ref: "#/definitions/metadata" },
    components: { type: "array", items: { $ref: "#/definitions/component" }, uniqueItems: true },
    services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
    externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
    dependencies: { type: "array", items: { $ref: "#/definitions/dependency" }, uniqueItems: true },
    compositions: {
      type: "array",
      items: { $ref: "#/definitions/compositions" },
      uniqueItems: true
    },
    vulnerabilities: {
      type: "array",
      items: { $ref: "#/definitions/vulnerability" },
      uniqueItems: true
    },
    annotations: { type: "array", items: { $ref: "#/definitions/annotations" }, uniqueItems: true },
    formulation: { type: "array", items: { $ref: "#/definitions/formula" }, uniqueItems: true },
    declarations: {
      type: "object",
      additionalProperties: false,
      properties: {
        assessors: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              thirdParty: { type: "boolean" },
              organization: { $ref: "#/definitions/organizationalEntity" }
            }
          }
        },
        attestations: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              summary: { type: "string" },
              assessor: { $ref: "#/definitions/refLinkType" },
              map: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    requirement: { $ref: "#/definitions/refLinkType" },
                    claims: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
                    counterClaims: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
                    conformance: {
                      type: "object",
                      additionalProperties: false,
                      properties: {
                        score: { type: "number", minimum: 0, maximum: 1 },
                        rationale: { type: "string" },
                        mitigationStrategies: {
                          type: "array",
                          items: { $ref: "#/definitions/refLinkType" }
                        }
                      }
                    },
                    confidence: {
                      type: "object",
                      additionalProperties: false,
                      properties: {
                        score: { type: "number", minimum: 0, maximum: 1 },
                        rationale: { type: "string" }
                      }
                    }
                  }
                }
              },
              signature: { $ref: "#/definitions/signature" }
            }
          }
        },
        claims: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              target: { $ref: "#/definitions/refLinkType" },
              predicate: { type: "string" },
              mitigationStrategies: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
              reasoning: { type: "string" },
              evidence: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
              counterEvidence: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
              externalReferences: {
                type: "array",
                items: { $ref: "#/definitions/externalReference" }
              },
              signature: { $ref: "#/definitions/signature" }
            }
          }
        },
        evidence: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              propertyName: { type: "string" },
              description: { type: "string" },
              data: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    name: { type: "string" },
                    contents: {
                      type: "object",
                      additionalProperties: false,
                      properties: {
                        attachment: { $ref: "#/definitions/attachment" },
                        url: { type: "string", format: "iri-reference" }
                      }
                    },
                    classification: { $ref: "#/definitions/dataClassification" },
                    sensitiveData: { type: "array", items: { type: "string" } },
                    governance: { $ref: "#/definitions/dataGovernance" }
                  }
                }
              },
              created: { type: "string", format: "date-time" },
              expires: { type: "string", format: "date-time" },
              author: { $ref: "#/definitions/organizationalContact" },
              reviewer: { $ref: "#/definitions/organizationalContact" },
              signature: { $ref: "#/definitions/signature" }
            }
          }
        },
        targets: {
          type: "object",
          additionalProperties: false,
          properties: {
            organizations: { type: "array", items: { $ref: "#/definitions/organizationalEntity" } },
            components: { type: "array", items: { $ref: "#/definitions/component" } },
            services: { type: "array", items: { $ref: "#/definitions/service" } }
          }
        },
        affirmation: {
          type: "object",
          additionalProperties: false,
          properties: {
            statement: { type: "string" },
            signatories: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                oneOf: [
                  { required: ["signature"] },
                  { required: ["externalReference", "organization"] }
                ],
                properties: {
                  name: { type: "string" },
                  role: { type: "string" },
                  signature: { $ref: "#/definitions/signature" },
                  organization: { $ref: "#/definitions/organizationalEntity" },
                  externalReference: { $ref: "#/definitions/externalReference" }
                }
              }
            },
            signature: { $ref: "#/definitions/signature" }
          }
        },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    definitions: {
      type: "object",
      additionalProperties: false,
      properties: { standards: { type: "array", items: { $ref: "#/definitions/standard" } } }
    },
    properties: { type: "array", items: { $ref: "#/definitions/property" } },
    signature: { $ref: "#/definitions/signature" }
  },
  definitions: {
    refType: { type: "string", minLength: 1 },
    refLinkType: { $ref: "#/definitions/refType" },
    bomLinkDocumentType: {
      type: "string",
      format: "iri-reference",
      pattern: "^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[1-9][0-9]*$"
    },
    bomLinkElementType: {
      type: "string",
      format: "iri-reference",
      pattern: "^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[1-9][0-9]*#.+$"
    },
    bomLink: {
      anyOf: [
        { $ref: "#/definitions/bomLinkDocumentType" },
        { $ref: "#/definitions/bomLinkElementType" }
      ]
    },
    metadata: {
      type: "object",
      additionalProperties: false,
      properties: {
        timestamp: { type: "string", format: "date-time" },
        lifecycles: {
          type: "array",
          items: {
            type: "object",
            oneOf: [
              {
                required: ["phase"],
                additionalProperties: false,
                properties: {
                  phase: {
                    type: "string",
                    enum: [
                      "design",
                      "pre-build",
                      "build",
                      "post-build",
                      "operations",
                      "discovery",
                      "decommission"
                    ]
                  }
                }
              },
              {
                required: ["name"],
                additionalProperties: false,
                properties: { name: { type: "string" }, description: { type: "string" } }
              }
            ]
          }
        },
        tools: {
          oneOf: [
            {
              type: "object",
              additionalProperties: false,
              properties: {
                components: {
                  type: "array",
                  items: { $ref: "#/definitions/component" },
                  uniqueItems: true
                },
                services: {
                  type: "array",
                  items: { $ref: "#/definitions/service" },
                  uniqueItems: true
                }
              }
            },
            { type: "array", items: { $ref: "#/definitions/tool" } }
          ]
        },
        manufacturer: { $ref: "#/definitions/organizationalEntity" },
        authors: { type: "array", items: { $ref: "#/definitions/organizationalContact" } },
        component: { $ref: "#/definitions/component" },
        manufacture: { deprecated: true, $ref: "#/definitions/organizationalEntity" },
        supplier: { $ref: "#/definitions/organizationalEntity" },
        licenses: { $ref: "#/definitions/licenseChoice" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    tool: {
      type: "object",
      additionalProperties: false,
      properties: {
        vendor: { type: "string" },
        name: { type: "string" },
        version: { $ref: "#/definitions/version" },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } }
      }
    },
    organizationalEntity: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        address: { $ref: "#/definitions/postalAddress" },
        url: { type: "array", items: { type: "string", format: "iri-reference" } },
        contact: { type: "array", items: { $ref: "#/definitions/organizationalContact" } }
      }
    },
    organizationalContact: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        email: { type: "string", format: "idn-email" },
        phone: { type: "string" }
      }
    },
    component: {
      type: "object",
      required: ["type", "name"],
      additionalProperties: false,
      properties: {
        type: {
          type: "string",
          enum: [
            "application",
            "framework",
            "library",
            "container",
            "platform",
            "operating-system",
            "device",
            "device-driver",
            "firmware",
            "file",
            "machine-learning-model",
            "data",
            "cryptographic-asset"
          ]
        },
        "mime-type": { type: "string", pattern: "^[-+a-z0-9.]+/[-+a-z0-9.]+$" },
        "bom-ref": { $ref: "#/definitions/refType" },
        supplier: { $ref: "#/definitions/organizationalEntity" },
        manufacturer: { $ref: "#/definitions/organizationalEntity" },
        authors: { type: "array", items: { $ref: "#/definitions/organizationalContact" } },
        author: { deprecated: true, type: "string" },
        publisher: { type: "string" },
        group: { type: "string" },
        name: { type: "string" },
        version: { $ref: "#/definitions/version" },
        description: { type: "string" },
        scope: { type: "string", enum: ["required", "optional", "excluded"], default: "required" },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } },
        licenses: { $ref: "#/definitions/licenseChoice" },
        copyright: { type: "string" },
        cpe: { type: "string" },
        purl: { type: "string" },
        omniborId: { type: "array", items: { type: "string" } },
        swhid: { type: "array", items: { type: "string" } },
        swid: { $ref: "#/definitions/swid" },
        modified: { type: "boolean" },
        pedigree: {
          type: "object",
          additionalProperties: false,
          properties: {
            ancestors: { type: "array", items: { $ref: "#/definitions/component" } },
            descendants: { type: "array", items: { $ref: "#/definitions/component" } },
            variants: { type: "array", items: { $ref: "#/definitions/component" } },
            commits: { type: "array", items: { $ref: "#/definitions/commit" } },
            patches: { type: "array", items: { $ref: "#/definitions/patch" } },
            notes: { type: "string" }
          }
        },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        components: {
          type: "array",
          items: { $ref: "#/definitions/component" },
          uniqueItems: true
        },
        evidence: { $ref: "#/definitions/componentEvidence" },
        releaseNotes: { $ref: "#/definitions/releaseNotes" },
        modelCard: { $ref: "#/definitions/modelCard" },
        data: { type: "array", items: { $ref: "#/definitions/componentData" } },
        cryptoProperties: { $ref: "#/definitions/cryptoProperties" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } },
        tags: { $ref: "#/definitions/tags" },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    swid: {
      type: "object",
      required: ["tagId", "name"],
      additionalProperties: false,
      properties: {
        tagId: { type: "string" },
        name: { type: "string" },
        version: { type: "string", default: "0.0" },
        tagVersion: { type: "integer", default: 0 },
        patch: { type: "boolean", default: false },
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" }
      }
    },
    attachment: {
      type: "object",
      required: ["content"],
      additionalProperties: false,
      properties: {
        contentType: { type: "string", default: "text/plain" },
        encoding: { type: "string", enum: ["base64"] },
        content: { type: "string" }
      }
    },
    hash: {
      type: "object",
      required: ["alg", "content"],
      additionalProperties: false,
      properties: {
        alg: { $ref: "#/definitions/hash-alg" },
        content: { $ref: "#/definitions/hash-content" }
      }
    },
    "hash-alg": {
      type: "string",
      enum: [
        "MD5",
        "SHA-1",
        "SHA-256",
        "SHA-384",
        "SHA-512",
        "SHA3-256",
        "SHA3-384",
        "SHA3-512",
        "BLAKE2b-256",
        "BLAKE2b-384",
        "BLAKE2b-512",
        "BLAKE3"
      ]
    },
    "hash-content": {
      type: "string",
      pattern: "^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$"
    },
    license: {
      type: "object",
      oneOf: [{ required: ["id"] }, { required: ["name"] }],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        id: { $ref: "spdx.schema.json" },
        name: { type: "string" },
        acknowledgement: { $ref: "#/definitions/licenseAcknowledgementEnumeration" },
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" },
        licensing: {
          type: "object",
          additionalProperties: false,
          properties: {
            altIds: { type: "array", items: { type: "string" } },
            licensor: {
              type: "object",
              additionalProperties: false,
              properties: {
                organization: { $ref: "#/definitions/organizationalEntity" },
                individual: { $ref: "#/definitions/organizationalContact" }
              },
              oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
            },
            licensee: {
              type: "object",
              additionalProperties: false,
              properties: {
                organization: { $ref: "#/definitions/organizationalEntity" },
                individual: { $ref: "#/definitions/organizationalContact" }
              },
              oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
            },
            purchaser: {
              type: "object",
              additionalProperties: false,
              properties: {
                organization: { $ref: "#/definitions/organizationalEntity" },
                individual: { $ref: "#/definitions/organizationalContact" }
              },
              oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
            },
            purchaseOrder: { type: "string" },
            licenseTypes: {
              type: "array",
              items: {
                type: "string",
                enum: [
                  "academic",
                  "appliance",
                  "client-access",
                  "concurrent-user",
                  "core-points",
                  "custom-metric",
                  "device",
                  "evaluation",
                  "named-user",
                  "node-locked",
                  "oem",
                  "perpetual",
                  "processor-points",
                  "subscription",
                  "user",
                  "other"
                ]
              }
            },
            lastRenewal: { type: "string", format: "date-time" },
            expiration: { type: "string", format: "date-time" }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    licenseAcknowledgementEnumeration: { type: "string", enum: ["declared", "concluded"] },
    licenseChoice: {
      type: "array",
      oneOf: [
        {
          type: "array",
          items: {
            type: "object",
            required: ["license"],
            additionalProperties: false,
            properties: { license: { $ref: "#/definitions/license" } }
          }
        },
        {
          type: "array",
          additionalItems: false,
          minItems: 1,
          maxItems: 1,
          items: [
            {
              type: "object",
              additionalProperties: false,
              required: ["expression"],
              properties: {
                expression: { type: "string" },
                acknowledgement: { $ref: "#/definitions/licenseAcknowledgementEnumeration" },
                "bom-ref": { $ref: "#/definitions/refType" }
              }
            }
          ]
        }
      ]
    },
    commit: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        url: { type: "string", format: "iri-reference" },
        author: { $ref: "#/definitions/identifiableAction" },
        committer: { $ref: "#/definitions/identifiableAction" },
        message: { type: "string" }
      }
    },
    patch: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { type: "string", enum: ["unofficial", "monkey", "backport", "cherry-pick"] },
        diff: { $ref: "#/definitions/diff" },
        resolves: { type: "array", items: { $ref: "#/definitions/issue" } }
      }
    },
    diff: {
      type: "object",
      additionalProperties: false,
      properties: {
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" }
      }
    },
    issue: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { type: "string", enum: ["defect", "enhancement", "security"] },
        id: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        source: {
          type: "object",
          additionalProperties: false,
          properties: {
            name: { type: "string" },
            url: { type: "string", format: "iri-reference" }
          }
        },
        references: { type: "array", items: { type: "string", format: "iri-reference" } }
      }
    },
    identifiableAction: {
      type: "object",
      additionalProperties: false,
      properties: {
        timestamp: { type: "string", format: "date-time" },
        name: { type: "string" },
        email: { type: "string", format: "idn-email" }
      }
    },
    externalReference: {
      type: "object",
      required: ["url", "type"],
      additionalProperties: false,
      properties: {
        url: {
          anyOf: [{ type: "string", format: "iri-reference" }, { $ref: "#/definitions/bomLink" }]
        },
        comment: { type: "string" },
        type: {
          type: "string",
          enum: [
            "vcs",
            "issue-tracker",
            "website",
            "advisories",
            "bom",
            "mailing-list",
            "social",
            "chat",
            "documentation",
            "support",
            "source-distribution",
            "distribution",
            "distribution-intake",
            "license",
            "build-meta",
            "build-system",
            "release-notes",
            "security-contact",
            "model-card",
            "log",
            "configuration",
            "evidence",
            "formulation",
            "attestation",
            "threat-model",
            "adversary-model",
            "risk-assessment",
            "vulnerability-assertion",
            "exploitability-statement",
            "pentest-report",
            "static-analysis-report",
            "dynamic-analysis-report",
            "runtime-analysis-report",
            "component-analysis-report",
            "maturity-report",
            "certification-report",
            "codified-infrastructure",
            "quality-metrics",
            "poam",
            "electronic-signature",
            "digital-signature",
            "rfc-9116",
            "other"
          ]
        },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } }
      }
    },
    dependency: {
      type: "object",
      required: ["ref"],
      additionalProperties: false,
      properties: {
        ref: { $ref: "#/definitions/refLinkType" },
        dependsOn: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/refLinkType" }
        },
        provides: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/refLinkType" } }
      }
    },
    service: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        provider: { $ref: "#/definitions/organizationalEntity" },
        group: { type: "string" },
        name: { type: "string" },
        version: { $ref: "#/definitions/version" },
        description: { type: "string" },
        endpoints: { type: "array", items: { type: "string", format: "iri-reference" } },
        authenticated: { type: "boolean" },
        "x-trust-boundary": { type: "boolean" },
        trustZone: { type: "string" },
        data: { type: "array", items: { $ref: "#/definitions/serviceData" } },
        licenses: { $ref: "#/definitions/licenseChoice" },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
        releaseNotes: { $ref: "#/definitions/releaseNotes" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } },
        tags: { $ref: "#/definitions/tags" },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    serviceData: {
      type: "object",
      required: ["flow", "classification"],
      additionalProperties: false,
      properties: {
        flow: { $ref: "#/definitions/dataFlowDirection" },
        classification: { $ref: "#/definitions/dataClassification" },
        name: { type: "string" },
        description: { type: "string" },
        governance: { $ref: "#/definitions/dataGovernance" },
        source: {
          type: "array",
          items: {
            anyOf: [
              { type: "string", format: "iri-reference" },
              { $ref: "#/definitions/bomLinkElementType" }
            ]
          }
        },
        destination: {
          type: "array",
          items: {
            anyOf: [
              { type: "string", format: "iri-reference" },
              { $ref: "#/definitions/bomLinkElementType" }
            ]
          }
        }
      }
    },
    dataFlowDirection: { type: "string", enum: ["inbound", "outbound", "bi-directional", "unknown"] },
    copyright: {
      type: "object",
      required: ["text"],
      additionalProperties: false,
      properties: { text: { type: "string" } }
    },
    componentEvidence: {
      type: "object",
      additionalProperties: false,
      properties: {
        identity: {
          oneOf: [
            { type: "array", items: { $ref: "#/definitions/componentIdentityEvidence" } },
            { $ref: "#/definitions/componentIdentityEvidence", deprecated: true }
          ]
        },
        occurrences: {
          type: "array",
          items: {
            type: "object",
            required: ["location"],
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              location: { type: "string" },
              line: { type: "integer", minimum: 0 },
              offset: { type: "integer", minimum: 0 },
              symbol: { type: "string" },
              additionalContext: { type: "string" }
            }
          }
        },
        callstack: {
          type: "object",
          additionalProperties: false,
          properties: {
            frames: {
              type: "array",
              items: {
                type: "object",
                required: ["module"],
                additionalProperties: false,
                properties: {
                  package: { type: "string" },
                  module: { type: "string" },
                  function: { type: "string" },
                  parameters: { type: "array", items: { type: "string" } },
                  line: { type: "integer" },
                  column: { type: "integer" },
                  fullFilename: { type: "string" }
                }
              }
            }
          }
        },
        licenses: { $ref: "#/definitions/licenseChoice" },
        copyright: { type: "array", items: { $ref: "#/definitions/copyright" } }
      }
    },
    compositions: {
      type: "object",
      required: ["aggregate"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        aggregate: { $ref: "#/definitions/aggregateType" },
        assemblies: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        },
        dependencies: { type: "array", uniqueItems: true, items: { type: "string" } },
        vulnerabilities: { type: "array", uniqueItems: true, items: { type: "string" } },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    aggregateType: {
      type: "string",
      default: "not_specified",
      enum: [
        "complete",
        "incomplete",
        "incomplete_first_party_only",
        "incomplete_first_party_proprietary_only",
        "incomplete_first_party_opensource_only",
        "incomplete_third_party_only",
        "incomplete_third_party_proprietary_only",
        "incomplete_third_party_opensource_only",
        "unknown",
        "not_specified"
      ]
    },
    property: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string" }, value: { type: "string" } },
      additionalProperties: false
    },
    localeType: { type: "string", pattern: "^([a-z]{2})(-[A-Z]{2})?$" },
    releaseType: { type: "string" },
    note: {
      type: "object",
      required: ["text"],
      additionalProperties: false,
      properties: {
        locale: { $ref: "#/definitions/localeType" },
        text: { $ref: "#/definitions/attachment" }
      }
    },
    releaseNotes: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { $ref: "#/definitions/releaseType" },
        title: { type: "string" },
        featuredImage: { type: "string", format: "iri-reference" },
        socialImage: { type: "string", format: "iri-reference" },
        description: { type: "string" },
        timestamp: { type: "string", format: "date-time" },
        aliases: { type: "array", items: { type: "string" } },
        tags: { $ref: "#/definitions/tags" },
        resolves: { type: "array", items: { $ref: "#/definitions/issue" } },
        notes: { type: "array", items: { $ref: "#/definitions/note" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    advisory: {
      type: "object",
      required: ["url"],
      additionalProperties: false,
      properties: { title: { type: "string" }, url: { type: "string", format: "iri-reference" } }
    },
    cwe: { type: "integer", minimum: 1 },
    severity: {
      type: "string",
      enum: ["critical", "high", "medium", "low", "info", "none", "unknown"]
    },
    scoreMethod: {
      type: "string",
      enum: ["CVSSv2", "CVSSv3", "CVSSv31", "CVSSv4", "OWASP", "SSVC", "other"]
    },
    impactAnalysisState: {
      type: "string",
      enum: [
        "resolved",
        "resolved_with_pedigree",
        "exploitable",
        "in_triage",
        "false_positive",
        "not_affected"
      ]
    },
    impactAnalysisJustification: {
      type: "string",
      enum: [
        "code_not_present",
        "code_not_reachable",
        "requires_configuration",
        "requires_dependency",
        "requires_environment",
        "protected_by_compiler",
        "protected_at_runtime",
        "protected_at_perimeter",
        "protected_by_mitigating_control"
      ]
    },
    rating: {
      type: "object",
      additionalProperties: false,
      properties: {
        source: { $ref: "#/definitions/vulnerabilitySource" },
        score: { type: "number" },
        severity: { $ref: "#/definitions/severity" },
        method: { $ref: "#/definitions/scoreMethod" },
        vector: { type: "string" },
        justification: { type: "string" }
      }
    },
    vulnerabilitySource: {
      type: "object",
      additionalProperties: false,
      properties: { url: { type: "string" }, name: { type: "string" } }
    },
    vulnerability: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        id: { type: "string" },
        source: { $ref: "#/definitions/vulnerabilitySource" },
        references: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "source"],
            additionalProperties: false,
            properties: {
              id: { type: "string" },
              source: { $ref: "#/definitions/vulnerabilitySource" }
            }
          }
        },
        ratings: { type: "array", items: { $ref: "#/definitions/rating" } },
        cwes: { type: "array", items: { $ref: "#/definitions/cwe" } },
        description: { type: "string" },
        detail: { type: "string" },
        recommendation: { type: "string" },
        workaround: { type: "string" },
        proofOfConcept: {
          type: "object",
          properties: {
            reproductionSteps: { type: "string" },
            environment: { type: "string" },
            supportingMaterial: { type: "array", items: { $ref: "#/definitions/attachment" } }
          }
        },
        advisories: { type: "array", items: { $ref: "#/definitions/advisory" } },
        created: { type: "string", format: "date-time" },
        published: { type: "string", format: "date-time" },
        updated: { type: "string", format: "date-time" },
        rejected: { type: "string", format: "date-time" },
        credits: {
          type: "object",
          additionalProperties: false,
          properties: {
            organizations: { type: "array", items: { $ref: "#/definitions/organizationalEntity" } },
            individuals: { type: "array", items: { $ref: "#/definitions/organizationalContact" } }
          }
        },
        tools: {
          oneOf: [
            {
              type: "object",
              additionalProperties: false,
              properties: {
                components: {
                  type: "array",
                  items: { $ref: "#/definitions/component" },
                  uniqueItems: true
                },
                services: {
                  type: "array",
                  items: { $ref: "#/definitions/service" },
                  uniqueItems: true
                }
              }
            },
            { type: "array", items: { $ref: "#/definitions/tool" } }
          ]
        },
        analysis: {
          type: "object",
          additionalProperties: false,
          properties: {
            state: { $ref: "#/definitions/impactAnalysisState" },
            justification: { $ref: "#/definitions/impactAnalysisJustification" },
            response: {
              type: "array",
              items: {
                type: "string",
                enum: ["can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"]
              }
            },
            detail: { type: "string" },
            firstIssued: { type: "string", format: "date-time" },
            lastUpdated: { type: "string", format: "date-time" }
          }
        },
        affects: {
          type: "array",
          uniqueItems: true,
          items: {
            type: "object",
            required: ["ref"],
            additionalProperties: false,
            properties: {
              ref: {
                anyOf: [
                  { $ref: "#/definitions/refLinkType" },
                  { $ref: "#/definitions/bomLinkElementType" }
                ]
              },
              versions: {
                type: "array",
                items: {
                  type: "object",
                  oneOf: [{ required: ["version"] }, { required: ["range"] }],
                  additionalProperties: false,
                  properties: {
                    version: { $ref: "#/definitions/version" },
                    range: { $ref: "#/definitions/versionRange" },
                    status: { $ref: "#/definitions/affectedStatus", default: "affected" }
                  }
                }
              }
            }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    affectedStatus: { type: "string", enum: ["affected", "unaffected", "unknown"] },
    version: { type: "string", maxLength: 1024 },
    versionRange: { type: "string", minLength: 1, maxLength: 4096 },
    range: { deprecated: true, $ref: "#/definitions/versionRange" },
    annotations: {
      type: "object",
      required: ["subjects", "annotator", "timestamp", "text"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        subjects: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        },
        annotator: {
          type: "object",
          oneOf: [
            { required: ["organization"] },
            { required: ["individual"] },
            { required: ["component"] },
            { required: ["service"] }
          ],
          additionalProperties: false,
          properties: {
            organization: { $ref: "#/definitions/organizationalEntity" },
            individual: { $ref: "#/definitions/organizationalContact" },
            component: { $ref: "#/definitions/component" },
            service: { $ref: "#/definitions/service" }
          }
        },
        timestamp: { type: "string", format: "date-time" },
        text: { type: "string" },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    modelCard: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        modelParameters: {
          type: "object",
          additionalProperties: false,
          properties: {
            approach: {
              type: "object",
              additionalProperties: false,
              properties: {
                type: {
                  type: "string",
                  enum: [
                    "supervised",
                    "unsupervised",
                    "reinforcement-learning",
                    "semi-supervised",
                    "self-supervised"
                  ]
                }
              }
            },
            task: { type: "string" },
            architectureFamily: { type: "string" },
            modelArchitecture: { type: "string" },
            datasets: {
              type: "array",
              items: {
                oneOf: [
                  { $ref: "#/definitions/componentData" },
                  {
                    type: "object",
                    additionalProperties: false,
                    properties: {
                      ref: {
                        anyOf: [
                          { $ref: "#/definitions/refLinkType" },
                          { $ref: "#/definitions/bomLinkElementType" }
                        ],
                        type: "string"
                      }
                    }
                  }
                ]
              }
            },
            inputs: { type: "array", items: { $ref: "#/definitions/inputOutputMLParameters" } },
            outputs: { type: "array", items: { $ref: "#/definitions/inputOutputMLParameters" } }
          }
        },
        quantitativeAnalysis: {
          type: "object",
          additionalProperties: false,
          properties: {
            performanceMetrics: { type: "array", items: { $ref: "#/definitions/performanceMetric" } },
            graphics: { $ref: "#/definitions/graphicsCollection" }
          }
        },
        considerations: {
          type: "object",
          additionalProperties: false,
          properties: {
            users: { type: "array", items: { type: "string" } },
            useCases: { type: "array", items: { type: "string" } },
            technicalLimitations: { type: "array", items: { type: "string" } },
            performanceTradeoffs: { type: "array", items: { type: "string" } },
            ethicalConsiderations: { type: "array", items: { $ref: "#/definitions/risk" } },
            environmentalConsiderations: { $ref: "#/definitions/environmentalConsiderations" },
            fairnessAssessments: {
              type: "array",
              items: { $ref: "#/definitions/fairnessAssessment" }
            }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    inputOutputMLParameters: {
      type: "object",
      additionalProperties: false,
      properties: { format: { type: "string" } }
    },
    componentData: {
      type: "object",
      additionalProperties: false,
      required: ["type"],
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        type: {
          type: "string",
          enum: ["source-code", "configuration", "dataset", "definition", "other"]
        },
        name: { type: "string" },
        contents: {
          type: "object",
          additionalProperties: false,
          properties: {
            attachment: { $ref: "#/definitions/attachment" },
            url: { type: "string", format: "iri-reference" },
            properties: { type: "array", items: { $ref: "#/definitions/property" } }
          }
        },
        classification: { $ref: "#/definitions/dataClassification" },
        sensitiveData: { type: "array", items: { type: "string" } },
        graphics: { $ref: "#/definitions/graphicsCollection" },
        description: { type: "string" },
        governance: { $ref: "#/definitions/dataGovernance" }
      }
    },
    dataGovernance: {
      type: "object",
      additionalProperties: false,
      properties: {
        custodians: {
          type: "array",
          items: { $ref: "#/definitions/dataGovernanceResponsibleParty" }
        },
        stewards: { type: "array", items: { $ref: "#/definitions/dataGovernanceResponsibleParty" } },
        owners: { type: "array", items: { $ref: "#/definitions/dataGovernanceResponsibleParty" } }
      }
    },
    dataGovernanceResponsibleParty: {
      type: "object",
      additionalProperties: false,
      properties: {
        organization: { $ref: "#/definitions/organizationalEntity" },
        contact: { $ref: "#/definitions/organizationalContact" }
      },
      oneOf: [{ required: ["organization"] }, { required: ["contact"] }]
    },
    graphicsCollection: {
      type: "object",
      additionalProperties: false,
      properties: {
        description: { type: "string" },
        collection: { type: "array", items: { $ref: "#/definitions/graphic" } }
      }
    },
    graphic: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, image: { $ref: "#/definitions/attachment" } }
    },
    performanceMetric: {
      type: "object",
      additionalProperties: false,
      properties: {
        type: { type: "string" },
        value: { type: "string" },
        slice: { type: "string" },
        confidenceInterval: {
          type: "object",
          additionalProperties: false,
          properties: { lowerBound: { type: "string" }, upperBound: { type: "string" } }
        }
      }
    },
    risk: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, mitigationStrategy: { type: "string" } }
    },
    fairnessAssessment: {
      type: "object",
      additionalProperties: false,
      properties: {
        groupAtRisk: { type: "string" },
        benefits: { type: "string" },
        harms: { type: "string" },
        mitigationStrategy: { type: "string" }
      }
    },
    dataClassification: { type: "string" },
    environmentalConsiderations: {
      type: "object",
      additionalProperties: false,
      properties: {
        energyConsumptions: { type: "array", items: { $ref: "#/definitions/energyConsumption" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    energyConsumption: {
      type: "object",
      required: ["activity", "energyProviders", "activityEnergyCost"],
      additionalProperties: false,
      properties: {
        activity: {
          type: "string",
          enum: [
            "design",
            "data-collection",
            "data-preparation",
            "training",
            "fine-tuning",
            "validation",
            "deployment",
            "inference",
            "other"
          ]
        },
        energyProviders: { type: "array", items: { $ref: "#/definitions/energyProvider" } },
        activityEnergyCost: { $ref: "#/definitions/energyMeasure" },
        co2CostEquivalent: { $ref: "#/definitions/co2Measure" },
        co2CostOffset: { $ref: "#/definitions/co2Measure" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    energyMeasure: {
      type: "object",
      required: ["value", "unit"],
      additionalProperties: false,
      properties: { value: { type: "number" }, unit: { type: "string", enum: ["kWh"] } }
    },
    co2Measure: {
      type: "object",
      required: ["value", "unit"],
      additionalProperties: false,
      properties: { value: { type: "number" }, unit: { type: "string", enum: ["tCO2eq"] } }
    },
    energyProvider: {
      type: "object",
      required: ["organization", "energySource", "energyProvided"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        description: { type: "string" },
        organization: { type: "object", $ref: "#/definitions/organizationalEntity" },
        energySource: {
          type: "string",
          enum: [
            "coal",
            "oil",
            "natural-gas",
            "nuclear",
            "wind",
            "solar",
            "geothermal",
            "hydropower",
            "biofuel",
            "unknown",
            "other"
          ]
        },
        energyProvided: { $ref: "#/definitions/energyMeasure" },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } }
      }
    },
    postalAddress: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        country: { type: "string" },
        region: { type: "string" },
        locality: { type: "string" },
        postOfficeBoxNumber: { type: "string" },
        postalCode: { type: "string" },
        streetAddress: { type: "string" }
      }
    },
    formula: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        components: {
          type: "array",
          items: { $ref: "#/definitions/component" },
          uniqueItems: true
        },
        services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
        workflows: { type: "array", items: { $ref: "#/definitions/workflow" }, uniqueItems: true },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    workflow: {
      type: "object",
      required: ["bom-ref", "uid", "taskTypes"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        tasks: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/task" } },
        taskDependencies: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/dependency" }
        },
        taskTypes: { type: "array", items: { $ref: "#/definitions/taskType" } },
        trigger: { $ref: "#/definitions/trigger" },
        steps: { type: "array", items: { $ref: "#/definitions/step" }, uniqueItems: true },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        timeStart: { type: "string", format: "date-time" },
        timeEnd: { type: "string", format: "date-time" },
        workspaces: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/workspace" }
        },
        runtimeTopology: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/dependency" }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    task: {
      type: "object",
      required: ["bom-ref", "uid", "taskTypes"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        taskTypes: { type: "array", items: { $ref: "#/definitions/taskType" } },
        trigger: { $ref: "#/definitions/trigger" },
        steps: { type: "array", items: { $ref: "#/definitions/step" }, uniqueItems: true },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        timeStart: { type: "string", format: "date-time" },
        timeEnd: { type: "string", format: "date-time" },
        workspaces: {
          type: "array",
          items: { $ref: "#/definitions/workspace" },
          uniqueItems: true
        },
        runtimeTopology: {
          type: "array",
          items: { $ref: "#/definitions/dependency" },
          uniqueItems: true
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    step: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        description: { type: "string" },
        commands: { type: "array", items: { $ref: "#/definitions/command" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    command: {
      type: "object",
      additionalProperties: false,
      properties: {
        executed: { type: "string" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    workspace: {
      type: "object",
      required: ["bom-ref", "uid"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        aliases: { type: "array", items: { type: "string" } },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        accessMode: {
          type: "string",
          enum: ["read-only", "read-write", "read-write-once", "write-once", "write-only"]
        },
        mountPath: { type: "string" },
        managedDataType: { type: "string" },
        volumeRequest: { type: "string" },
        volume: { $ref: "#/definitions/volume" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    volume: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        name: { type: "string" },
        mode: { type: "string", enum: ["filesystem", "block"], default: "filesystem" },
        path: { type: "string" },
        sizeAllocated: { type: "string" },
        persistent: { type: "boolean" },
        remote: { type: "boolean" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    trigger: {
      type: "object",
      additionalProperties: false,
      required: ["type", "bom-ref", "uid"],
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        type: { type: "string", enum: ["manual", "api", "webhook", "scheduled"] },
        event: { $ref: "#/definitions/event" },
        conditions: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/condition" }
        },
        timeActivated: { type: "string", format: "date-time" },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    event: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        description: { type: "string" },
        timeReceived: { type: "string", format: "date-time" },
        data: { $ref: "#/definitions/attachment" },
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    inputType: {
      type: "object",
      oneOf: [
        { required: ["resource"] },
        { required: ["parameters"] },
        { required: ["environmentVars"] },
        { required: ["data"] }
      ],
      additionalProperties: false,
      properties: {
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        resource: { $ref: "#/definitions/resourceReferenceChoice" },
        parameters: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/parameter" }
        },
        environmentVars: {
          type: "array",
          uniqueItems: true,
          items: { oneOf: [{ $ref: "#/definitions/property" }, { type: "string" }] }
        },
        data: { $ref: "#/definitions/attachment" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    outputType: {
      type: "object",
      oneOf: [{ required: ["resource"] }, { required: ["environmentVars"] }, { required: ["data"] }],
      additionalProperties: false,
      properties: {
        type: {
          type: "string",
          enum: ["artifact", "attestation", "log", "evidence", "metrics", "other"]
        },
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        resource: { $ref: "#/definitions/resourceReferenceChoice" },
        data: { $ref: "#/definitions/attachment" },
        environmentVars: {
          type: "array",
          items: { oneOf: [{ $ref: "#/definitions/property" }, { type: "string" }] },
          uniqueItems: true
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    resourceReferenceChoice: {
      type: "object",
      additionalProperties: false,
      properties: {
        ref: {
          anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
        },
        externalReference: { $ref: "#/definitions/externalReference" }
      },
      oneOf: [{ required: ["ref"] }, { required: ["externalReference"] }]
    },
    condition: {
      type: "object",
      additionalProperties: false,
      properties: {
        description: { type: "string" },
        expression: { type: "string" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    taskType: {
      type: "string",
      enum: [
        "copy",
        "clone",
        "lint",
        "scan",
        "merge",
        "build",
        "test",
        "deliver",
        "deploy",
        "release",
        "clean",
        "other"
      ]
    },
    parameter: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        value: { type: "string" },
        dataType: { type: "string" }
      }
    },
    componentIdentityEvidence: {
      type: "object",
      required: ["field"],
      additionalProperties: false,
      properties: {
        field: {
          type: "string",
          enum: ["group", "name", "version", "purl", "cpe", "omniborId", "swhid", "swid", "hash"]
        },
        confidence: { type: "number", minimum: 0, maximum: 1 },
        concludedValue: { type: "string" },
        methods: {
          type: "array",
          items: {
            type: "object",
            required: ["technique", "confidence"],
            additionalProperties: false,
            properties: {
              technique: {
                type: "string",
                enum: [
                  "source-code-analysis",
                  "binary-analysis",
                  "manifest-analysis",
                  "ast-fingerprint",
                  "hash-comparison",
                  "instrumentation",
                  "dynamic-analysis",
                  "filename",
                  "attestation",
                  "other"
                ]
              },
              confidence: { type: "number", minimum: 0, maximum: 1 },
              value: { type: "string" }
            }
          }
        },
        tools: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        }
      }
    },
    standard: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        version: { type: "string" },
        description: { type: "string" },
        owner: { type: "string" },
        requirements: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              identifier: { type: "string" },
              title: { type: "string" },
              text: { type: "string" },
              descriptions: { type: "array", items: { type: "string" } },
              openCre: { type: "array", items: { type: "string", pattern: "^CRE:[0-9]+-[0-9]+$" } },
              parent: { $ref: "#/definitions/refLinkType" },
              properties: { type: "array", items: { $ref: "#/definitions/property" } },
              externalReferences: {
                type: "array",
                items: { $ref: "#/definitions/externalReference" }
              }
            }
          }
        },
        levels: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              identifier: { type: "string" },
              title: { type: "string" },
              description: { type: "string" },
              requirements: { type: "array", items: { $ref: "#/definitions/refLinkType" } }
            }
          }
        },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    signature: { $ref: "jsf-0.82.schema.json#/definitions/signature" },
    cryptoProperties: {
      type: "object",
      additionalProperties: false,
      required: ["assetType"],
      properties: {
        assetType: {
          type: "string",
          enum: ["algorithm", "certificate", "protocol", "related-crypto-material"]
        },
        algorithmProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            primitive: {
              type: "string",
              enum: [
                "drbg",
                "mac",
                "block-cipher",
                "stream-cipher",
                "signature",
                "hash",
                "pke",
                "xof",
                "kdf",
                "key-agree",
                "kem",
                "ae",
                "combiner",
                "other",
                "unknown"
              ]
            },
            parameterSetIdentifier: { type: "string" },
            curve: { type: "string" },
            executionEnvironment: {
              type: "string",
              enum: [
                "software-plain-ram",
                "software-encrypted-ram",
                "software-tee",
                "hardware",
                "other",
                "unknown"
              ]
            },
            implementationPlatform: {
              type: "string",
              enum: [
                "generic",
                "x86_32",
                "x86_64",
                "armv7-a",
                "armv7-m",
                "armv8-a",
                "armv8-m",
                "armv9-a",
                "armv9-m",
                "s390x",
                "ppc64",
                "ppc64le",
                "other",
                "unknown"
              ]
            },
            certificationLevel: {
              type: "array",
              items: {
                type: "string",
                enum: [
                  "none",
                  "fips140-1-l1",
                  "fips140-1-l2",
                  "fips140-1-l3",
                  "fips140-1-l4",
                  "fips140-2-l1",
                  "fips140-2-l2",
                  "fips140-2-l3",
                  "fips140-2-l4",
                  "fips140-3-l1",
                  "fips140-3-l2",
                  "fips140-3-l3",
                  "fips140-3-l4",
                  "cc-eal1",
                  "cc-eal1+",
                  "cc-eal2",
                  "cc-eal2+",
                  "cc-eal3",
                  "cc-eal3+",
                  "cc-eal4",
                  "cc-eal4+",
                  "cc-eal5",
                  "cc-eal5+",
                  "cc-eal6",
                  "cc-eal6+",
                  "cc-eal7",
                  "cc-eal7+",
                  "other",
                  "unknown"
                ]
              }
            },
            mode: {
              type: "string",
              enum: ["cbc", "ecb", "ccm", "gcm", "cfb", "ofb", "ctr", "other", "unknown"]
            },
            padding: {
              type: "string",
              enum: ["pkcs5", "pkcs7", "pkcs1v15", "oaep", "raw", "other", "unknown"]
            },
            cryptoFunctions: {
              type: "array",
              items: {
                type: "string",
                enum: [
                  "generate",
                  "keygen",
                  "encrypt",
                  "decrypt",
                  "digest",
                  "tag",
                  "keyderive",
                  "sign",
                  "verify",
                  "encapsulate",
                  "decapsulate",
                  "other",
                  "unknown"
                ]
              }
            },
            classicalSecurityLevel: { type: "integer", minimum: 0 },
            nistQuantumSecurityLevel: { type: "integer", minimum: 0, maximum: 6 }
          }
        },
        certificateProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            subjectName: { type: "string" },
            issuerName: { type: "string" },
            notValidBefore: { type: "string", format: "date-time" },
            notValidAfter: { type: "string", format: "date-time" },
            signatureAlgorithmRef: { $ref: "#/definitions/refType" },
            subjectPublicKeyRef: { $ref: "#/definitions/refType" },
            certificateFormat: { type: "string" },
            certificateExtension: { type: "string" }
          }
        },
        relatedCryptoMaterialProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            type: {
              type: "string",
              enum: [
                "private-key",
                "public-key",
                "secret-key",
                "key",
                "ciphertext",
                "signature",
                "digest",
                "initialization-vector",
                "nonce",
                "seed",
                "salt",
                "shared-secret",
                "tag",
                "additional-data",
                "password",
                "credential",
                "token",
                "other",
                "unknown"
              ]
            },
            id: { type: "string" },
            state: {
              type: "string",
              enum: ["pre-activation", "active", "suspended", "deactivated", "compromised", "destroyed"]
            },
            algorithmRef: { $ref: "#/definitions/refType" },
            creationDate: { type: "string", format: "date-time" },
            activationDate: { type: "string", format: "date-time" },
            updateDate: { type: "string", format: "date-time" },
            expirationDate: { type: "string", format: "date-time" },
            value: { type: "string" },
            size: { type: "integer" },
            format: { type: "string" },
            securedBy: { $ref: "#/definitions/securedBy" }
          }
        },
        protocolProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            type: {
              type: "string",
              enum: ["tls", "ssh", "ipsec", "ike", "sstp", "wpa", "other", "unknown"]
            },
            version: { type: "string" },
            cipherSuites: { type: "array", items: { $ref: "#/definitions/cipherSuite" } },
            ikev2TransformTypes: {
              type: "object",
              additionalProperties: false,
              properties: {
                encr: { $ref: "#/definitions/cryptoRefArray" },
                prf: { $ref: "#/definitions/cryptoRefArray" },
                integ: { $ref: "#/definitions/cryptoRefArray" },
                ke: { $ref: "#/definitions/cryptoRefArray" },
                esn: { type: "boolean" },
                auth: { $ref: "#/definitions/cryptoRefArray" }
              }
            },
            cryptoRefArray: { $ref: "#/definitions/cryptoRefArray" }
          }
        },
        oid: { type: "string" }
      }
    },
    cipherSuite: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        algorithms: { type: "array", items: { $ref: "#/definitions/refType" } },
        identifiers: { type: "array", items: { type: "string" } }
      }
    },
    cryptoRefArray: { type: "array", items: { $ref: "#/definitions/refType" } },
    securedBy: {
      type: "object",
      additionalProperties: false,
      properties: { mechanism: { type: "string" }, algorithmRef: { $ref: "#/definitions/refType" } }
    },
    tags: { type: "array", items: { type: "string" } }
  }
};

// src/sbom/schemas/cyclonedx-bom-1.7.schema.json
var cyclonedx_bom_1_7_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "http://cyclonedx.org/schema/bom-1.7.schema.json",
  type: "object",
  required: ["bomFormat", "specVersion"],
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    bomFormat: { type: "string", enum: ["CycloneDX"] },
    specVersion: { type: "string" },
    serialNumber: {
      type: "string",
      pattern: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    },
    version: { type: "integer", minimum: 1, default: 1 },
    metadata: { $ref: "#/definitions/metadata" },
    components: { type: "array", items: { $ref: "#/definitions/component" }, uniqueItems: true },
    services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
    externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
    dependencies: { type: "array", items: { $ref: "#/definitions/dependency" }, uniqueItems: true },
    compositions: {
      type: "array",
      items: { $ref: "#/definitions/compositions" },
      uniqueItems: true
    },
    vulnerabilities: {
      type: "array",
      items: { $ref: "#/definitions/vulnerability" },
      uniqueItems: true
    },
    annotations: { type: "array", items: { $ref: "#/definitions/annotations" }, uniqueItems: true },
    formulation: { type: "array", items: { $ref: "#/definitions/formula" }, uniqueItems: true },
    declarations: {
      type: "object",
      additionalProperties: false,
      properties: {
        assessors: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              thirdParty: { type: "boolean" },
              organization: { $ref: "#/definitions/organizationalEntity" }
            }
          }
        },
        attestations: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              summary: { type: "string" },
              assessor: { $ref: "#/definitions/refLinkType" },
              map: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    requirement: { $ref: "#/definitions/refLinkType" },
                    claims: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
                    counterClaims: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
                    conformance: {
                      type: "object",
                      additionalProperties: false,
                      properties: {
                        score: { type: "number", minimum: 0, maximum: 1 },
                        rationale: { type: "string" },
                        mitigationStrategies: {
                          type: "array",
                          items: { $ref: "#/definitions/refLinkType" }
                        }
                      }
                    },
                    confidence: {
                      type: "object",
                      additionalProperties: false,
                      properties: {
                        score: { type: "number", minimum: 0, maximum: 1 },
                        rationale: { type: "string" }
                      }
                    }
                  }
                }
              },
              signature: { $ref: "#/definitions/signature" }
            }
          }
        },
        claims: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              target: { $ref: "#/definitions/refLinkType" },
              predicate: { type: "string" },
              mitigationStrategies: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
              reasoning: { type: "string" },
              evidence: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
              counterEvidence: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
              externalReferences: {
                type: "array",
                items: { $ref: "#/definitions/externalReference" }
              },
              signature: { $ref: "#/definitions/signature" }
            }
          }
        },
        evidence: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              propertyName: { type: "string" },
              description: { type: "string" },
              data: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  properties: {
                    name: { type: "string" },
                    contents: {
                      type: "object",
                      additionalProperties: false,
                      properties: {
                        attachment: { $ref: "#/definitions/attachment" },
                        url: { type: "string", format: "iri-reference" }
                      }
                    },
                    classification: { $ref: "#/definitions/dataClassification" },
                    sensitiveData: { type: "array", items: { type: "string" } },
                    governance: { $ref: "#/definitions/dataGovernance" }
                  }
                }
              },
              created: { type: "string", format: "date-time" },
              expires: { type: "string", format: "date-time" },
              author: { $ref: "#/definitions/organizationalContact" },
              reviewer: { $ref: "#/definitions/organizationalContact" },
              signature: { $ref: "#/definitions/signature" }
            }
          }
        },
        targets: {
          type: "object",
          additionalProperties: false,
          properties: {
            organizations: { type: "array", items: { $ref: "#/definitions/organizationalEntity" } },
            components: { type: "array", items: { $ref: "#/definitions/component" } },
            services: { type: "array", items: { $ref: "#/definitions/service" } }
          }
        },
        affirmation: {
          type: "object",
          additionalProperties: false,
          properties: {
            statement: { type: "string" },
            signatories: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                oneOf: [
                  { required: ["signature"] },
                  { required: ["externalReference", "organization"] }
                ],
                properties: {
                  name: { type: "string" },
                  role: { type: "string" },
                  signature: { $ref: "#/definitions/signature" },
                  organization: { $ref: "#/definitions/organizationalEntity" },
                  externalReference: { $ref: "#/definitions/externalReference" }
                }
              }
            },
            signature: { $ref: "#/definitions/signature" }
          }
        },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    definitions: {
      type: "object",
      additionalProperties: false,
      properties: {
        standards: { type: "array", items: { $ref: "#/definitions/standard" } },
        patents: {
          type: "array",
          items: { anyOf: [{ $ref: "#/definitions/patent" }, { $ref: "#/definitions/patentFamily" }] }
        }
      }
    },
    citations: { type: "array", items: { $ref: "#/definitions/citation" }, uniqueItems: true },
    properties: { type: "array", items: { $ref: "#/definitions/property" } },
    signature: { $ref: "#/definitions/signature" }
  },
  definitions: {
    refType: { type: "string", minLength: 1 },
    refLinkType: { $ref: "#/definitions/refType" },
    bomLinkDocumentType: {
      type: "string",
      format: "iri-reference",
      pattern: "^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[1-9][0-9]*$"
    },
    bomLinkElementType: {
      type: "string",
      format: "iri-reference",
      pattern: "^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[1-9][0-9]*#.+$"
    },
    bomLink: {
      anyOf: [
        { $ref: "#/definitions/bomLinkDocumentType" },
        { $ref: "#/definitions/bomLinkElementType" }
      ]
    },
    metadata: {
      type: "object",
      additionalProperties: false,
      properties: {
        timestamp: { type: "string", format: "date-time" },
        lifecycles: {
          type: "array",
          items: {
            type: "object",
            oneOf: [
              {
                required: ["phase"],
                additionalProperties: false,
                properties: {
                  phase: {
                    type: "string",
                    enum: [
                      "design",
                      "pre-build",
                      "build",
                      "post-build",
                      "operations",
                      "discovery",
                      "decommission"
                    ]
                  }
                }
              },
              {
                required: ["name"],
                additionalProperties: false,
                properties: { name: { type: "string" }, description: { type: "string" } }
              }
            ]
          }
        },
        tools: {
          oneOf: [
            {
              type: "object",
              additionalProperties: false,
              properties: {
                components: {
                  type: "array",
                  items: { $ref: "#/definitions/component" },
                  uniqueItems: true
                },
                services: {
                  type: "array",
                  items: { $ref: "#/definitions/service" },
                  uniqueItems: true
                }
              }
            },
            { type: "array", deprecated: true, items: { $ref: "#/definitions/tool" } }
          ]
        },
        manufacturer: { $ref: "#/definitions/organizationalEntity" },
        authors: { type: "array", items: { $ref: "#/definitions/organizationalContact" } },
        component: { $ref: "#/definitions/component" },
        manufacture: { deprecated: true, $ref: "#/definitions/organizationalEntity" },
        supplier: { $ref: "#/definitions/organizationalEntity" },
        licenses: { $ref: "#/definitions/licenseChoice" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } },
        distributionConstraints: {
          type: "object",
          properties: { tlp: { $ref: "#/definitions/tlpClassification" } },
          additionalProperties: false
        }
      }
    },
    tlpClassification: {
      type: "string",
      default: "CLEAR",
      enum: ["CLEAR", "GREEN", "AMBER", "AMBER_AND_STRICT", "RED"]
    },
    tool: {
      type: "object",
      additionalProperties: false,
      deprecated: true,
      properties: {
        vendor: { type: "string" },
        name: { type: "string" },
        version: { $ref: "#/definitions/version" },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } }
      }
    },
    organizationalEntity: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        address: { $ref: "#/definitions/postalAddress" },
        url: { type: "array", items: { type: "string", format: "iri-reference" } },
        contact: { type: "array", items: { $ref: "#/definitions/organizationalContact" } }
      }
    },
    organizationalContact: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        email: { type: "string", format: "idn-email" },
        phone: { type: "string" }
      }
    },
    component: {
      type: "object",
      required: ["type", "name"],
      additionalProperties: false,
      properties: {
        type: {
          type: "string",
          enum: [
            "application",
            "framework",
            "library",
            "container",
            "platform",
            "operating-system",
            "device",
            "device-driver",
            "firmware",
            "file",
            "machine-learning-model",
            "data",
            "cryptographic-asset"
          ]
        },
        "mime-type": { type: "string", pattern: "^[-+a-z0-9.]+/[-+a-z0-9.]+$" },
        "bom-ref": { $ref: "#/definitions/refType" },
        supplier: { $ref: "#/definitions/organizationalEntity" },
        manufacturer: { $ref: "#/definitions/organizationalEntity" },
        authors: { type: "array", items: { $ref: "#/definitions/organizationalContact" } },
        author: { deprecated: true, type: "string" },
        publisher: { type: "string" },
        group: { type: "string" },
        name: { type: "string" },
        version: { $ref: "#/definitions/version" },
        versionRange: { $ref: "#/definitions/versionRange" },
        isExternal: { type: "boolean", default: false },
        description: { type: "string" },
        scope: { type: "string", enum: ["required", "optional", "excluded"], default: "required" },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } },
        licenses: { $ref: "#/definitions/licenseChoice" },
        copyright: { type: "string" },
        patentAssertions: { $ref: "#/definitions/patentAssertions" },
        cpe: { type: "string" },
        purl: { type: "string" },
        omniborId: { type: "array", items: { type: "string" } },
        swhid: { type: "array", items: { type: "string" } },
        swid: { $ref: "#/definitions/swid" },
        modified: { type: "boolean", deprecated: true },
        pedigree: {
          type: "object",
          additionalProperties: false,
          properties: {
            ancestors: { type: "array", items: { $ref: "#/definitions/component" } },
            descendants: { type: "array", items: { $ref: "#/definitions/component" } },
            variants: { type: "array", items: { $ref: "#/definitions/component" } },
            commits: { type: "array", items: { $ref: "#/definitions/commit" } },
            patches: { type: "array", items: { $ref: "#/definitions/patch" } },
            notes: { type: "string" }
          }
        },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        components: {
          type: "array",
          items: { $ref: "#/definitions/component" },
          uniqueItems: true
        },
        evidence: { $ref: "#/definitions/componentEvidence" },
        releaseNotes: { $ref: "#/definitions/releaseNotes" },
        modelCard: { $ref: "#/definitions/modelCard" },
        data: { type: "array", items: { $ref: "#/definitions/componentData" } },
        cryptoProperties: { $ref: "#/definitions/cryptoProperties" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } },
        tags: { $ref: "#/definitions/tags" },
        signature: { $ref: "#/definitions/signature" }
      },
      allOf: [
        { not: { required: ["version", "versionRange"] } },
        {
          if: { properties: { isExternal: { const: false } } },
          then: { not: { required: ["versionRange"] } },
          else: true
        }
      ]
    },
    swid: {
      type: "object",
      required: ["tagId", "name"],
      additionalProperties: false,
      properties: {
        tagId: { type: "string" },
        name: { type: "string" },
        version: { type: "string", default: "0.0" },
        tagVersion: { type: "integer", default: 0 },
        patch: { type: "boolean", default: false },
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" }
      }
    },
    attachment: {
      type: "object",
      required: ["content"],
      additionalProperties: false,
      properties: {
        contentType: { type: "string", default: "text/plain" },
        encoding: { type: "string", enum: ["base64"] },
        content: { type: "string" }
      }
    },
    hash: {
      type: "object",
      required: ["alg", "content"],
      additionalProperties: false,
      properties: {
        alg: { $ref: "#/definitions/hash-alg" },
        content: { $ref: "#/definitions/hash-content" }
      }
    },
    "hash-alg": {
      type: "string",
      enum: [
        "MD5",
        "SHA-1",
        "SHA-256",
        "SHA-384",
        "SHA-512",
        "SHA3-256",
        "SHA3-384",
        "SHA3-512",
        "BLAKE2b-256",
        "BLAKE2b-384",
        "BLAKE2b-512",
        "BLAKE3",
        "Streebog-256",
        "Streebog-512"
      ]
    },
    "hash-content": {
      type: "string",
      pattern: "^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$"
    },
    licensing: {
      type: "object",
      additionalProperties: false,
      properties: {
        altIds: { type: "array", items: { type: "string" } },
        licensor: {
          type: "object",
          additionalProperties: false,
          properties: {
            organization: { $ref: "#/definitions/organizationalEntity" },
            individual: { $ref: "#/definitions/organizationalContact" }
          },
          oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
        },
        licensee: {
          type: "object",
          additionalProperties: false,
          properties: {
            organization: { $ref: "#/definitions/organizationalEntity" },
            individual: { $ref: "#/definitions/organizationalContact" }
          },
          oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
        },
        purchaser: {
          type: "object",
          additionalProperties: false,
          properties: {
            organization: { $ref: "#/definitions/organizationalEntity" },
            individual: { $ref: "#/definitions/organizationalContact" }
          },
          oneOf: [{ required: ["organization"] }, { required: ["individual"] }]
        },
        purchaseOrder: { type: "string" },
        licenseTypes: {
          type: "array",
          items: {
            type: "string",
            enum: [
              "academic",
              "appliance",
              "client-access",
              "concurrent-user",
              "core-points",
              "custom-metric",
              "device",
              "evaluation",
              "named-user",
              "node-locked",
              "oem",
              "perpetual",
              "processor-points",
              "subscription",
              "user",
              "other"
            ]
          }
        },
        lastRenewal: { type: "string", format: "date-time" },
        expiration: { type: "string", format: "date-time" }
      }
    },
    license: {
      type: "object",
      oneOf: [{ required: ["id"] }, { required: ["name"] }],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        id: { $ref: "spdx.schema.json" },
        name: { type: "string" },
        acknowledgement: { $ref: "#/definitions/licenseAcknowledgementEnumeration" },
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" },
        licensing: { $ref: "#/definitions/licensing" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    licenseAcknowledgementEnumeration: { type: "string", enum: ["declared", "concluded"] },
    licenseChoice: {
      type: "array",
      items: {
        oneOf: [
          {
            type: "object",
            required: ["license"],
            additionalProperties: false,
            properties: { license: { $ref: "#/definitions/license" } }
          },
          {
            type: "object",
            additionalProperties: false,
            required: ["expression"],
            properties: {
              expression: { type: "string" },
              expressionDetails: {
                type: "array",
                items: {
                  type: "object",
                  required: ["licenseIdentifier"],
                  properties: {
                    licenseIdentifier: { type: "string" },
                    "bom-ref": { $ref: "#/definitions/refType" },
                    text: { $ref: "#/definitions/attachment" },
                    url: { type: "string", format: "iri-reference" }
                  },
                  additionalProperties: false
                }
              },
              acknowledgement: { $ref: "#/definitions/licenseAcknowledgementEnumeration" },
              "bom-ref": { $ref: "#/definitions/refType" },
              licensing: { $ref: "#/definitions/licensing" },
              properties: { type: "array", items: { $ref: "#/definitions/property" } }
            }
          }
        ]
      }
    },
    commit: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        url: { type: "string", format: "iri-reference" },
        author: { $ref: "#/definitions/identifiableAction" },
        committer: { $ref: "#/definitions/identifiableAction" },
        message: { type: "string" }
      }
    },
    patch: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { type: "string", enum: ["unofficial", "monkey", "backport", "cherry-pick"] },
        diff: { $ref: "#/definitions/diff" },
        resolves: { type: "array", items: { $ref: "#/definitions/issue" } }
      }
    },
    diff: {
      type: "object",
      additionalProperties: false,
      properties: {
        text: { $ref: "#/definitions/attachment" },
        url: { type: "string", format: "iri-reference" }
      }
    },
    issue: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { type: "string", enum: ["defect", "enhancement", "security"] },
        id: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        source: {
          type: "object",
          additionalProperties: false,
          properties: {
            name: { type: "string" },
            url: { type: "string", format: "iri-reference" }
          }
        },
        references: { type: "array", items: { type: "string", format: "iri-reference" } }
      }
    },
    identifiableAction: {
      type: "object",
      additionalProperties: false,
      properties: {
        timestamp: { type: "string", format: "date-time" },
        name: { type: "string" },
        email: { type: "string", format: "idn-email" }
      }
    },
    externalReference: {
      type: "object",
      required: ["url", "type"],
      additionalProperties: false,
      properties: {
        url: {
          anyOf: [{ type: "string", format: "iri-reference" }, { $ref: "#/definitions/bomLink" }]
        },
        comment: { type: "string" },
        type: {
          type: "string",
          enum: [
            "vcs",
            "issue-tracker",
            "website",
            "advisories",
            "bom",
            "mailing-list",
            "social",
            "chat",
            "documentation",
            "support",
            "source-distribution",
            "distribution",
            "distribution-intake",
            "license",
            "build-meta",
            "build-system",
            "release-notes",
            "security-contact",
            "model-card",
            "log",
            "configuration",
            "evidence",
            "formulation",
            "attestation",
            "threat-model",
            "adversary-model",
            "risk-assessment",
            "vulnerability-assertion",
            "exploitability-statement",
            "pentest-report",
            "static-analysis-report",
            "dynamic-analysis-report",
            "runtime-analysis-report",
            "component-analysis-report",
            "maturity-report",
            "certification-report",
            "codified-infrastructure",
            "quality-metrics",
            "poam",
            "electronic-signature",
            "digital-signature",
            "rfc-9116",
            "patent",
            "patent-family",
            "patent-assertion",
            "citation",
            "other"
          ]
        },
        hashes: { type: "array", items: { $ref: "#/definitions/hash" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    dependency: {
      type: "object",
      required: ["ref"],
      additionalProperties: false,
      properties: {
        ref: { $ref: "#/definitions/refLinkType" },
        dependsOn: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/refLinkType" }
        },
        provides: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/refLinkType" } }
      }
    },
    service: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        provider: { $ref: "#/definitions/organizationalEntity" },
        group: { type: "string" },
        name: { type: "string" },
        version: { $ref: "#/definitions/version" },
        description: { type: "string" },
        endpoints: { type: "array", items: { type: "string", format: "iri-reference" } },
        authenticated: { type: "boolean" },
        "x-trust-boundary": { type: "boolean" },
        trustZone: { type: "string" },
        data: { type: "array", items: { $ref: "#/definitions/serviceData" } },
        licenses: { $ref: "#/definitions/licenseChoice" },
        patentAssertions: { $ref: "#/definitions/patentAssertions" },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
        releaseNotes: { $ref: "#/definitions/releaseNotes" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } },
        tags: { $ref: "#/definitions/tags" },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    serviceData: {
      type: "object",
      required: ["flow", "classification"],
      additionalProperties: false,
      properties: {
        flow: { $ref: "#/definitions/dataFlowDirection" },
        classification: { $ref: "#/definitions/dataClassification" },
        name: { type: "string" },
        description: { type: "string" },
        governance: { $ref: "#/definitions/dataGovernance" },
        source: {
          type: "array",
          items: {
            anyOf: [
              { type: "string", format: "iri-reference" },
              { $ref: "#/definitions/bomLinkElementType" }
            ]
          }
        },
        destination: {
          type: "array",
          items: {
            anyOf: [
              { type: "string", format: "iri-reference" },
              { $ref: "#/definitions/bomLinkElementType" }
            ]
          }
        }
      }
    },
    dataFlowDirection: { type: "string", enum: ["inbound", "outbound", "bi-directional", "unknown"] },
    copyright: {
      type: "object",
      required: ["text"],
      additionalProperties: false,
      properties: { text: { type: "string" } }
    },
    componentEvidence: {
      type: "object",
      additionalProperties: false,
      properties: {
        identity: {
          oneOf: [
            { type: "array", items: { $ref: "#/definitions/componentIdentityEvidence" } },
            { $ref: "#/definitions/componentIdentityEvidence", deprecated: true }
          ]
        },
        occurrences: {
          type: "array",
          items: {
            type: "object",
            required: ["location"],
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              location: { type: "string" },
              line: { type: "integer", minimum: 0 },
              offset: { type: "integer", minimum: 0 },
              symbol: { type: "string" },
              additionalContext: { type: "string" }
            }
          }
        },
        callstack: {
          type: "object",
          additionalProperties: false,
          properties: {
            frames: {
              type: "array",
              items: {
                type: "object",
                required: ["module"],
                additionalProperties: false,
                properties: {
                  package: { type: "string" },
                  module: { type: "string" },
                  function: { type: "string" },
                  parameters: { type: "array", items: { type: "string" } },
                  line: { type: "integer" },
                  column: { type: "integer" },
                  fullFilename: { type: "string" }
                }
              }
            }
          }
        },
        licenses: { $ref: "#/definitions/licenseChoice" },
        copyright: { type: "array", items: { $ref: "#/definitions/copyright" } }
      }
    },
    compositions: {
      type: "object",
      required: ["aggregate"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        aggregate: { $ref: "#/definitions/aggregateType" },
        assemblies: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        },
        dependencies: { type: "array", uniqueItems: true, items: { type: "string" } },
        vulnerabilities: { type: "array", uniqueItems: true, items: { type: "string" } },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    aggregateType: {
      type: "string",
      default: "not_specified",
      enum: [
        "complete",
        "incomplete",
        "incomplete_first_party_only",
        "incomplete_first_party_proprietary_only",
        "incomplete_first_party_opensource_only",
        "incomplete_third_party_only",
        "incomplete_third_party_proprietary_only",
        "incomplete_third_party_opensource_only",
        "unknown",
        "not_specified"
      ]
    },
    property: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: { name: { type: "string" }, value: { type: "string" } }
    },
    localeType: { type: "string", pattern: "^([a-z]{2})(-[A-Z]{2})?$" },
    releaseType: { type: "string" },
    note: {
      type: "object",
      required: ["text"],
      additionalProperties: false,
      properties: {
        locale: { $ref: "#/definitions/localeType" },
        text: { $ref: "#/definitions/attachment" }
      }
    },
    releaseNotes: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        type: { $ref: "#/definitions/releaseType" },
        title: { type: "string" },
        featuredImage: { type: "string", format: "iri-reference" },
        socialImage: { type: "string", format: "iri-reference" },
        description: { type: "string" },
        timestamp: { type: "string", format: "date-time" },
        aliases: { type: "array", items: { type: "string" } },
        tags: { $ref: "#/definitions/tags" },
        resolves: { type: "array", items: { $ref: "#/definitions/issue" } },
        notes: { type: "array", items: { $ref: "#/definitions/note" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    advisory: {
      type: "object",
      required: ["url"],
      additionalProperties: false,
      properties: { title: { type: "string" }, url: { type: "string", format: "iri-reference" } }
    },
    cwe: { type: "integer", minimum: 1 },
    severity: {
      type: "string",
      enum: ["critical", "high", "medium", "low", "info", "none", "unknown"]
    },
    scoreMethod: {
      type: "string",
      enum: ["CVSSv2", "CVSSv3", "CVSSv31", "CVSSv4", "OWASP", "SSVC", "other"]
    },
    impactAnalysisState: {
      type: "string",
      enum: [
        "resolved",
        "resolved_with_pedigree",
        "exploitable",
        "in_triage",
        "false_positive",
        "not_affected"
      ]
    },
    impactAnalysisJustification: {
      type: "string",
      enum: [
        "code_not_present",
        "code_not_reachable",
        "requires_configuration",
        "requires_dependency",
        "requires_environment",
        "protected_by_compiler",
        "protected_at_runtime",
        "protected_at_perimeter",
        "protected_by_mitigating_control"
      ]
    },
    rating: {
      type: "object",
      additionalProperties: false,
      properties: {
        source: { $ref: "#/definitions/vulnerabilitySource" },
        score: { type: "number" },
        severity: { $ref: "#/definitions/severity" },
        method: { $ref: "#/definitions/scoreMethod" },
        vector: { type: "string" },
        justification: { type: "string" }
      }
    },
    vulnerabilitySource: {
      type: "object",
      additionalProperties: false,
      properties: { url: { type: "string" }, name: { type: "string" } }
    },
    vulnerability: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        id: { type: "string" },
        source: { $ref: "#/definitions/vulnerabilitySource" },
        references: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "source"],
            additionalProperties: false,
            properties: {
              id: { type: "string" },
              source: { $ref: "#/definitions/vulnerabilitySource" }
            }
          }
        },
        ratings: { type: "array", items: { $ref: "#/definitions/rating" } },
        cwes: { type: "array", items: { $ref: "#/definitions/cwe" } },
        description: { type: "string" },
        detail: { type: "string" },
        recommendation: { type: "string" },
        workaround: { type: "string" },
        proofOfConcept: {
          type: "object",
          properties: {
            reproductionSteps: { type: "string" },
            environment: { type: "string" },
            supportingMaterial: { type: "array", items: { $ref: "#/definitions/attachment" } }
          }
        },
        advisories: { type: "array", items: { $ref: "#/definitions/advisory" } },
        created: { type: "string", format: "date-time" },
        published: { type: "string", format: "date-time" },
        updated: { type: "string", format: "date-time" },
        rejected: { type: "string", format: "date-time" },
        credits: {
          type: "object",
          additionalProperties: false,
          properties: {
            organizations: { type: "array", items: { $ref: "#/definitions/organizationalEntity" } },
            individuals: { type: "array", items: { $ref: "#/definitions/organizationalContact" } }
          }
        },
        tools: {
          oneOf: [
            {
              type: "object",
              additionalProperties: false,
              properties: {
                components: {
                  type: "array",
                  items: { $ref: "#/definitions/component" },
                  uniqueItems: true
                },
                services: {
                  type: "array",
                  items: { $ref: "#/definitions/service" },
                  uniqueItems: true
                }
              }
            },
            { type: "array", deprecated: true, items: { $ref: "#/definitions/tool" } }
          ]
        },
        analysis: {
          type: "object",
          additionalProperties: false,
          properties: {
            state: { $ref: "#/definitions/impactAnalysisState" },
            justification: { $ref: "#/definitions/impactAnalysisJustification" },
            response: {
              type: "array",
              items: {
                type: "string",
                enum: ["can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"]
              }
            },
            detail: { type: "string" },
            firstIssued: { type: "string", format: "date-time" },
            lastUpdated: { type: "string", format: "date-time" }
          }
        },
        affects: {
          type: "array",
          uniqueItems: true,
          items: {
            type: "object",
            required: ["ref"],
            additionalProperties: false,
            properties: {
              ref: {
                anyOf: [
                  { $ref: "#/definitions/refLinkType" },
                  { $ref: "#/definitions/bomLinkElementType" }
                ]
              },
              versions: {
                type: "array",
                items: {
                  type: "object",
                  oneOf: [{ required: ["version"] }, { required: ["range"] }],
                  additionalProperties: false,
                  properties: {
                    version: { $ref: "#/definitions/version" },
                    range: { $ref: "#/definitions/versionRange" },
                    status: { $ref: "#/definitions/affectedStatus", default: "affected" }
                  }
                }
              }
            }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    affectedStatus: { type: "string", enum: ["affected", "unaffected", "unknown"] },
    version: { type: "string", maxLength: 1024 },
    versionRange: { type: "string", minLength: 1, maxLength: 4096 },
    range: { deprecated: true, $ref: "#/definitions/versionRange" },
    annotations: {
      type: "object",
      required: ["subjects", "annotator", "timestamp", "text"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        subjects: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        },
        annotator: {
          type: "object",
          oneOf: [
            { required: ["organization"] },
            { required: ["individual"] },
            { required: ["component"] },
            { required: ["service"] }
          ],
          additionalProperties: false,
          properties: {
            organization: { $ref: "#/definitions/organizationalEntity" },
            individual: { $ref: "#/definitions/organizationalContact" },
            component: { $ref: "#/definitions/component" },
            service: { $ref: "#/definitions/service" }
          }
        },
        timestamp: { type: "string", format: "date-time" },
        text: { type: "string" },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    modelCard: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        modelParameters: {
          type: "object",
          additionalProperties: false,
          properties: {
            approach: {
              type: "object",
              additionalProperties: false,
              properties: {
                type: {
                  type: "string",
                  enum: [
                    "supervised",
                    "unsupervised",
                    "reinforcement-learning",
                    "semi-supervised",
                    "self-supervised"
                  ]
                }
              }
            },
            task: { type: "string" },
            architectureFamily: { type: "string" },
            modelArchitecture: { type: "string" },
            datasets: {
              type: "array",
              items: {
                oneOf: [
                  { $ref: "#/definitions/componentData" },
                  {
                    type: "object",
                    additionalProperties: false,
                    properties: {
                      ref: {
                        anyOf: [
                          { $ref: "#/definitions/refLinkType" },
                          { $ref: "#/definitions/bomLinkElementType" }
                        ],
                        type: "string"
                      }
                    }
                  }
                ]
              }
            },
            inputs: { type: "array", items: { $ref: "#/definitions/inputOutputMLParameters" } },
            outputs: { type: "array", items: { $ref: "#/definitions/inputOutputMLParameters" } }
          }
        },
        quantitativeAnalysis: {
          type: "object",
          additionalProperties: false,
          properties: {
            performanceMetrics: { type: "array", items: { $ref: "#/definitions/performanceMetric" } },
            graphics: { $ref: "#/definitions/graphicsCollection" }
          }
        },
        considerations: {
          type: "object",
          additionalProperties: false,
          properties: {
            users: { type: "array", items: { type: "string" } },
            useCases: { type: "array", items: { type: "string" } },
            technicalLimitations: { type: "array", items: { type: "string" } },
            performanceTradeoffs: { type: "array", items: { type: "string" } },
            ethicalConsiderations: { type: "array", items: { $ref: "#/definitions/risk" } },
            environmentalConsiderations: { $ref: "#/definitions/environmentalConsiderations" },
            fairnessAssessments: {
              type: "array",
              items: { $ref: "#/definitions/fairnessAssessment" }
            }
          }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    inputOutputMLParameters: {
      type: "object",
      additionalProperties: false,
      properties: { format: { type: "string" } }
    },
    componentData: {
      type: "object",
      additionalProperties: false,
      required: ["type"],
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        type: {
          type: "string",
          enum: ["source-code", "configuration", "dataset", "definition", "other"]
        },
        name: { type: "string" },
        contents: {
          type: "object",
          additionalProperties: false,
          properties: {
            attachment: { $ref: "#/definitions/attachment" },
            url: { type: "string", format: "iri-reference" },
            properties: { type: "array", items: { $ref: "#/definitions/property" } }
          }
        },
        classification: { $ref: "#/definitions/dataClassification" },
        sensitiveData: { type: "array", items: { type: "string" } },
        graphics: { $ref: "#/definitions/graphicsCollection" },
        description: { type: "string" },
        governance: { $ref: "#/definitions/dataGovernance" }
      }
    },
    dataGovernance: {
      type: "object",
      additionalProperties: false,
      properties: {
        custodians: {
          type: "array",
          items: { $ref: "#/definitions/dataGovernanceResponsibleParty" }
        },
        stewards: { type: "array", items: { $ref: "#/definitions/dataGovernanceResponsibleParty" } },
        owners: { type: "array", items: { $ref: "#/definitions/dataGovernanceResponsibleParty" } }
      }
    },
    dataGovernanceResponsibleParty: {
      type: "object",
      additionalProperties: false,
      properties: {
        organization: { $ref: "#/definitions/organizationalEntity" },
        contact: { $ref: "#/definitions/organizationalContact" }
      },
      oneOf: [{ required: ["organization"] }, { required: ["contact"] }]
    },
    graphicsCollection: {
      type: "object",
      additionalProperties: false,
      properties: {
        description: { type: "string" },
        collection: { type: "array", items: { $ref: "#/definitions/graphic" } }
      }
    },
    graphic: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, image: { $ref: "#/definitions/attachment" } }
    },
    performanceMetric: {
      type: "object",
      additionalProperties: false,
      properties: {
        type: { type: "string" },
        value: { type: "string" },
        slice: { type: "string" },
        confidenceInterval: {
          type: "object",
          additionalProperties: false,
          properties: { lowerBound: { type: "string" }, upperBound: { type: "string" } }
        }
      }
    },
    risk: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, mitigationStrategy: { type: "string" } }
    },
    fairnessAssessment: {
      type: "object",
      additionalProperties: false,
      properties: {
        groupAtRisk: { type: "string" },
        benefits: { type: "string" },
        harms: { type: "string" },
        mitigationStrategy: { type: "string" }
      }
    },
    dataClassification: { type: "string" },
    environmentalConsiderations: {
      type: "object",
      additionalProperties: false,
      properties: {
        energyConsumptions: { type: "array", items: { $ref: "#/definitions/energyConsumption" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    energyConsumption: {
      type: "object",
      required: ["activity", "energyProviders", "activityEnergyCost"],
      additionalProperties: false,
      properties: {
        activity: {
          type: "string",
          enum: [
            "design",
            "data-collection",
            "data-preparation",
            "training",
            "fine-tuning",
            "validation",
            "deployment",
            "inference",
            "other"
          ]
        },
        energyProviders: { type: "array", items: { $ref: "#/definitions/energyProvider" } },
        activityEnergyCost: { $ref: "#/definitions/energyMeasure" },
        co2CostEquivalent: { $ref: "#/definitions/co2Measure" },
        co2CostOffset: { $ref: "#/definitions/co2Measure" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    energyMeasure: {
      type: "object",
      required: ["value", "unit"],
      additionalProperties: false,
      properties: { value: { type: "number" }, unit: { type: "string", enum: ["kWh"] } }
    },
    co2Measure: {
      type: "object",
      required: ["value", "unit"],
      additionalProperties: false,
      properties: { value: { type: "number" }, unit: { type: "string", enum: ["tCO2eq"] } }
    },
    energyProvider: {
      type: "object",
      required: ["organization", "energySource", "energyProvided"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        description: { type: "string" },
        organization: { type: "object", $ref: "#/definitions/organizationalEntity" },
        energySource: {
          type: "string",
          enum: [
            "coal",
            "oil",
            "natural-gas",
            "nuclear",
            "wind",
            "solar",
            "geothermal",
            "hydropower",
            "biofuel",
            "unknown",
            "other"
          ]
        },
        energyProvided: { $ref: "#/definitions/energyMeasure" },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } }
      }
    },
    postalAddress: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        country: { type: "string" },
        region: { type: "string" },
        locality: { type: "string" },
        postOfficeBoxNumber: { type: "string" },
        postalCode: { type: "string" },
        streetAddress: { type: "string" }
      }
    },
    formula: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        components: {
          type: "array",
          items: { $ref: "#/definitions/component" },
          uniqueItems: true
        },
        services: { type: "array", items: { $ref: "#/definitions/service" }, uniqueItems: true },
        workflows: { type: "array", items: { $ref: "#/definitions/workflow" }, uniqueItems: true },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    workflow: {
      type: "object",
      required: ["bom-ref", "uid", "taskTypes"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        tasks: { type: "array", uniqueItems: true, items: { $ref: "#/definitions/task" } },
        taskDependencies: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/dependency" }
        },
        taskTypes: { type: "array", items: { $ref: "#/definitions/taskType" } },
        trigger: { $ref: "#/definitions/trigger" },
        steps: { type: "array", items: { $ref: "#/definitions/step" }, uniqueItems: true },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        timeStart: { type: "string", format: "date-time" },
        timeEnd: { type: "string", format: "date-time" },
        workspaces: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/workspace" }
        },
        runtimeTopology: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/dependency" }
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    task: {
      type: "object",
      required: ["bom-ref", "uid", "taskTypes"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        taskTypes: { type: "array", items: { $ref: "#/definitions/taskType" } },
        trigger: { $ref: "#/definitions/trigger" },
        steps: { type: "array", items: { $ref: "#/definitions/step" }, uniqueItems: true },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        timeStart: { type: "string", format: "date-time" },
        timeEnd: { type: "string", format: "date-time" },
        workspaces: {
          type: "array",
          items: { $ref: "#/definitions/workspace" },
          uniqueItems: true
        },
        runtimeTopology: {
          type: "array",
          items: { $ref: "#/definitions/dependency" },
          uniqueItems: true
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    step: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        description: { type: "string" },
        commands: { type: "array", items: { $ref: "#/definitions/command" } },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    command: {
      type: "object",
      additionalProperties: false,
      properties: {
        executed: { type: "string" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    workspace: {
      type: "object",
      required: ["bom-ref", "uid"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        aliases: { type: "array", items: { type: "string" } },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        accessMode: {
          type: "string",
          enum: ["read-only", "read-write", "read-write-once", "write-once", "write-only"]
        },
        mountPath: { type: "string" },
        managedDataType: { type: "string" },
        volumeRequest: { type: "string" },
        volume: { $ref: "#/definitions/volume" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    volume: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        name: { type: "string" },
        mode: { type: "string", enum: ["filesystem", "block"], default: "filesystem" },
        path: { type: "string" },
        sizeAllocated: { type: "string" },
        persistent: { type: "boolean" },
        remote: { type: "boolean" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    trigger: {
      type: "object",
      additionalProperties: false,
      required: ["type", "bom-ref", "uid"],
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        uid: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        resourceReferences: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/resourceReferenceChoice" }
        },
        type: { type: "string", enum: ["manual", "api", "webhook", "scheduled"] },
        event: { $ref: "#/definitions/event" },
        conditions: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/condition" }
        },
        timeActivated: { type: "string", format: "date-time" },
        inputs: { type: "array", items: { $ref: "#/definitions/inputType" }, uniqueItems: true },
        outputs: { type: "array", items: { $ref: "#/definitions/outputType" }, uniqueItems: true },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    event: {
      type: "object",
      additionalProperties: false,
      properties: {
        uid: { type: "string" },
        description: { type: "string" },
        timeReceived: { type: "string", format: "date-time" },
        data: { $ref: "#/definitions/attachment" },
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    inputType: {
      type: "object",
      oneOf: [
        { required: ["resource"] },
        { required: ["parameters"] },
        { required: ["environmentVars"] },
        { required: ["data"] }
      ],
      additionalProperties: false,
      properties: {
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        resource: { $ref: "#/definitions/resourceReferenceChoice" },
        parameters: {
          type: "array",
          uniqueItems: true,
          items: { $ref: "#/definitions/parameter" }
        },
        environmentVars: {
          type: "array",
          uniqueItems: true,
          items: { oneOf: [{ $ref: "#/definitions/property" }, { type: "string" }] }
        },
        data: { $ref: "#/definitions/attachment" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    outputType: {
      type: "object",
      oneOf: [{ required: ["resource"] }, { required: ["environmentVars"] }, { required: ["data"] }],
      additionalProperties: false,
      properties: {
        type: {
          type: "string",
          enum: ["artifact", "attestation", "log", "evidence", "metrics", "other"]
        },
        source: { $ref: "#/definitions/resourceReferenceChoice" },
        target: { $ref: "#/definitions/resourceReferenceChoice" },
        resource: { $ref: "#/definitions/resourceReferenceChoice" },
        data: { $ref: "#/definitions/attachment" },
        environmentVars: {
          type: "array",
          items: { oneOf: [{ $ref: "#/definitions/property" }, { type: "string" }] },
          uniqueItems: true
        },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    resourceReferenceChoice: {
      type: "object",
      additionalProperties: false,
      properties: {
        ref: {
          anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
        },
        externalReference: { $ref: "#/definitions/externalReference" }
      },
      oneOf: [{ required: ["ref"] }, { required: ["externalReference"] }]
    },
    condition: {
      type: "object",
      additionalProperties: false,
      properties: {
        description: { type: "string" },
        expression: { type: "string" },
        properties: { type: "array", items: { $ref: "#/definitions/property" } }
      }
    },
    taskType: {
      type: "string",
      enum: [
        "copy",
        "clone",
        "lint",
        "scan",
        "merge",
        "build",
        "test",
        "deliver",
        "deploy",
        "release",
        "clean",
        "other"
      ]
    },
    parameter: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        value: { type: "string" },
        dataType: { type: "string" }
      }
    },
    componentIdentityEvidence: {
      type: "object",
      required: ["field"],
      additionalProperties: false,
      properties: {
        field: {
          type: "string",
          enum: ["group", "name", "version", "purl", "cpe", "omniborId", "swhid", "swid", "hash"]
        },
        confidence: { type: "number", minimum: 0, maximum: 1 },
        concludedValue: { type: "string" },
        methods: {
          type: "array",
          items: {
            type: "object",
            required: ["technique", "confidence"],
            additionalProperties: false,
            properties: {
              technique: {
                type: "string",
                enum: [
                  "source-code-analysis",
                  "binary-analysis",
                  "manifest-analysis",
                  "ast-fingerprint",
                  "hash-comparison",
                  "instrumentation",
                  "dynamic-analysis",
                  "filename",
                  "attestation",
                  "other"
                ]
              },
              confidence: { type: "number", minimum: 0, maximum: 1 },
              value: { type: "string" }
            }
          }
        },
        tools: {
          type: "array",
          uniqueItems: true,
          items: {
            anyOf: [{ $ref: "#/definitions/refLinkType" }, { $ref: "#/definitions/bomLinkElementType" }]
          }
        }
      }
    },
    standard: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        name: { type: "string" },
        version: { type: "string" },
        description: { type: "string" },
        owner: { type: "string" },
        requirements: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              identifier: { type: "string" },
              title: { type: "string" },
              text: { type: "string" },
              descriptions: { type: "array", items: { type: "string" } },
              openCre: { type: "array", items: { type: "string", pattern: "^CRE:[0-9]+-[0-9]+$" } },
              parent: { $ref: "#/definitions/refLinkType" },
              properties: { type: "array", items: { $ref: "#/definitions/property" } },
              externalReferences: {
                type: "array",
                items: { $ref: "#/definitions/externalReference" }
              }
            }
          }
        },
        levels: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            properties: {
              "bom-ref": { $ref: "#/definitions/refType" },
              identifier: { type: "string" },
              title: { type: "string" },
              description: { type: "string" },
              requirements: { type: "array", items: { $ref: "#/definitions/refLinkType" } }
            }
          }
        },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } },
        signature: { $ref: "#/definitions/signature" }
      }
    },
    signature: { $ref: "jsf-0.82.schema.json#/definitions/signature" },
    cryptoProperties: {
      type: "object",
      additionalProperties: false,
      required: ["assetType"],
      properties: {
        assetType: {
          type: "string",
          enum: ["algorithm", "certificate", "protocol", "related-crypto-material"]
        },
        algorithmProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            primitive: {
              type: "string",
              enum: [
                "drbg",
                "mac",
                "block-cipher",
                "stream-cipher",
                "signature",
                "hash",
                "pke",
                "xof",
                "kdf",
                "key-agree",
                "kem",
                "ae",
                "combiner",
                "key-wrap",
                "other",
                "unknown"
              ]
            },
            algorithmFamily: { $ref: "cryptography-defs.schema.json#/definitions/algorithmFamiliesEnum" },
            parameterSetIdentifier: { type: "string" },
            curve: { deprecated: true, type: "string" },
            ellipticCurve: { $ref: "cryptography-defs.schema.json#/definitions/ellipticCurvesEnum" },
            executionEnvironment: {
              type: "string",
              enum: [
                "software-plain-ram",
                "software-encrypted-ram",
                "software-tee",
                "hardware",
                "other",
                "unknown"
              ]
            },
            implementationPlatform: {
              type: "string",
              enum: [
                "generic",
                "x86_32",
                "x86_64",
                "armv7-a",
                "armv7-m",
                "armv8-a",
                "armv8-m",
                "armv9-a",
                "armv9-m",
                "s390x",
                "ppc64",
                "ppc64le",
                "other",
                "unknown"
              ]
            },
            certificationLevel: {
              type: "array",
              items: {
                type: "string",
                enum: [
                  "none",
                  "fips140-1-l1",
                  "fips140-1-l2",
                  "fips140-1-l3",
                  "fips140-1-l4",
                  "fips140-2-l1",
                  "fips140-2-l2",
                  "fips140-2-l3",
                  "fips140-2-l4",
                  "fips140-3-l1",
                  "fips140-3-l2",
                  "fips140-3-l3",
                  "fips140-3-l4",
                  "cc-eal1",
                  "cc-eal1+",
                  "cc-eal2",
                  "cc-eal2+",
                  "cc-eal3",
                  "cc-eal3+",
                  "cc-eal4",
                  "cc-eal4+",
                  "cc-eal5",
                  "cc-eal5+",
                  "cc-eal6",
                  "cc-eal6+",
                  "cc-eal7",
                  "cc-eal7+",
                  "other",
                  "unknown"
                ]
              }
            },
            mode: {
              type: "string",
              enum: ["cbc", "ecb", "ccm", "gcm", "cfb", "ofb", "ctr", "other", "unknown"]
            },
            padding: {
              type: "string",
              enum: ["pkcs5", "pkcs7", "pkcs1v15", "oaep", "raw", "other", "unknown"]
            },
            cryptoFunctions: {
              type: "array",
              items: {
                type: "string",
                enum: [
                  "generate",
                  "keygen",
                  "encrypt",
                  "decrypt",
                  "digest",
                  "tag",
                  "keyderive",
                  "sign",
                  "verify",
                  "encapsulate",
                  "decapsulate",
                  "other",
                  "unknown"
                ]
              }
            },
            classicalSecurityLevel: { type: "integer", minimum: 0 },
            nistQuantumSecurityLevel: { type: "integer", minimum: 0, maximum: 6 }
          }
        },
        certificateProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            serialNumber: { type: "string" },
            subjectName: { type: "string" },
            issuerName: { type: "string" },
            notValidBefore: { type: "string", format: "date-time" },
            notValidAfter: { type: "string", format: "date-time" },
            signatureAlgorithmRef: { deprecated: true, $ref: "#/definitions/refType" },
            subjectPublicKeyRef: { deprecated: true, $ref: "#/definitions/refType" },
            certificateFormat: { type: "string" },
            certificateExtension: { deprecated: true, type: "string" },
            certificateFileExtension: { type: "string" },
            fingerprint: { type: "object", $ref: "#/definitions/hash" },
            certificateState: {
              type: "array",
              items: {
                type: "object",
                oneOf: [
                  {
                    required: ["state"],
                    additionalProperties: false,
                    properties: {
                      state: {
                        type: "string",
                        enum: [
                          "pre-activation",
                          "active",
                          "suspended",
                          "deactivated",
                          "revoked",
                          "destroyed"
                        ]
                      },
                      reason: { type: "string" }
                    }
                  },
                  {
                    required: ["name"],
                    additionalProperties: false,
                    properties: {
                      name: { type: "string" },
                      description: { type: "string" },
                      reason: { type: "string" }
                    }
                  }
                ]
              }
            },
            creationDate: { type: "string", format: "date-time" },
            activationDate: { type: "string", format: "date-time" },
            deactivationDate: { type: "string", format: "date-time" },
            revocationDate: { type: "string", format: "date-time" },
            destructionDate: { type: "string", format: "date-time" },
            certificateExtensions: {
              type: "array",
              items: {
                type: "object",
                oneOf: [
                  {
                    required: ["commonExtensionName", "commonExtensionValue"],
                    additionalProperties: false,
                    properties: {
                      commonExtensionName: {
                        type: "string",
                        enum: [
                          "basicConstraints",
                          "keyUsage",
                          "extendedKeyUsage",
                          "subjectAlternativeName",
                          "authorityKeyIdentifier",
                          "subjectKeyIdentifier",
                          "authorityInformationAccess",
                          "certificatePolicies",
                          "crlDistributionPoints",
                          "signedCertificateTimestamp"
                        ]
                      },
                      commonExtensionValue: { type: "string" }
                    }
                  },
                  {
                    required: ["customExtensionName"],
                    additionalProperties: false,
                    properties: {
                      customExtensionName: { type: "string" },
                      customExtensionValue: { type: "string" }
                    }
                  }
                ]
              }
            },
            relatedCryptographicAssets: { $ref: "#/definitions/relatedCryptographicAssets" }
          }
        },
        relatedCryptoMaterialProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            type: {
              type: "string",
              enum: [
                "private-key",
                "public-key",
                "secret-key",
                "key",
                "ciphertext",
                "signature",
                "digest",
                "initialization-vector",
                "nonce",
                "seed",
                "salt",
                "shared-secret",
                "tag",
                "additional-data",
                "password",
                "credential",
                "token",
                "other",
                "unknown"
              ]
            },
            id: { type: "string" },
            state: {
              type: "string",
              enum: ["pre-activation", "active", "suspended", "deactivated", "compromised", "destroyed"]
            },
            algorithmRef: { deprecated: true, $ref: "#/definitions/refType" },
            creationDate: { type: "string", format: "date-time" },
            activationDate: { type: "string", format: "date-time" },
            updateDate: { type: "string", format: "date-time" },
            expirationDate: { type: "string", format: "date-time" },
            value: { type: "string" },
            size: { type: "integer" },
            format: { type: "string" },
            securedBy: { $ref: "#/definitions/securedBy" },
            fingerprint: { type: "object", $ref: "#/definitions/hash" },
            relatedCryptographicAssets: { $ref: "#/definitions/relatedCryptographicAssets" }
          }
        },
        protocolProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            type: {
              type: "string",
              enum: [
                "tls",
                "ssh",
                "ipsec",
                "ike",
                "sstp",
                "wpa",
                "dtls",
                "quic",
                "eap-aka",
                "eap-aka-prime",
                "prins",
                "5g-aka",
                "other",
                "unknown"
              ]
            },
            version: { type: "string" },
            cipherSuites: { type: "array", items: { $ref: "#/definitions/cipherSuite" } },
            ikev2TransformTypes: {
              type: "object",
              additionalProperties: false,
              properties: {
                encr: {
                  anyOf: [
                    { type: "array", items: { $ref: "#/definitions/ikeV2Enc" } },
                    { deprecated: true, $ref: "#/definitions/cryptoRefArray" }
                  ]
                },
                prf: {
                  anyOf: [
                    { type: "array", items: { $ref: "#/definitions/ikeV2Prf" } },
                    { deprecated: true, $ref: "#/definitions/cryptoRefArray" }
                  ]
                },
                integ: {
                  anyOf: [
                    { type: "array", items: { $ref: "#/definitions/ikeV2Integ" } },
                    { deprecated: true, $ref: "#/definitions/cryptoRefArray" }
                  ]
                },
                ke: {
                  anyOf: [
                    { type: "array", items: { $ref: "#/definitions/ikeV2Ke" } },
                    { deprecated: true, $ref: "#/definitions/cryptoRefArray" }
                  ]
                },
                esn: { type: "boolean" },
                auth: {
                  anyOf: [
                    { type: "array", items: { $ref: "#/definitions/ikeV2Auth" } },
                    { deprecated: true, $ref: "#/definitions/cryptoRefArray" }
                  ]
                }
              }
            },
            cryptoRefArray: { deprecated: true, $ref: "#/definitions/cryptoRefArray" },
            relatedCryptographicAssets: { $ref: "#/definitions/relatedCryptographicAssets" }
          }
        },
        oid: { type: "string" }
      }
    },
    cipherSuite: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        algorithms: { type: "array", items: { $ref: "#/definitions/refType" } },
        identifiers: { type: "array", items: { type: "string" } },
        tlsGroups: { type: "array", items: { type: "string" } },
        tlsSignatureSchemes: { type: "array", items: { type: "string" } }
      }
    },
    ikeV2Enc: {
      type: "object",
      additionalProperties: false,
      properties: {
        name: { type: "string" },
        keyLength: { type: "integer" },
        algorithm: { $ref: "#/definitions/refType" }
      }
    },
    ikeV2Prf: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, algorithm: { $ref: "#/definitions/refType" } }
    },
    ikeV2Integ: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, algorithm: { $ref: "#/definitions/refType" } }
    },
    ikeV2Ke: {
      type: "object",
      additionalProperties: false,
      properties: { group: { type: "integer" }, algorithm: { $ref: "#/definitions/refType" } }
    },
    ikeV2Auth: {
      type: "object",
      additionalProperties: false,
      properties: { name: { type: "string" }, algorithm: { $ref: "#/definitions/refType" } }
    },
    cryptoRefArray: { deprecated: true, type: "array", items: { $ref: "#/definitions/refType" } },
    relatedCryptographicAssets: {
      type: "array",
      items: { $ref: "#/definitions/relatedCryptographicAsset" }
    },
    relatedCryptographicAsset: {
      type: "object",
      additionalProperties: false,
      properties: { type: { type: "string" }, ref: { $ref: "#/definitions/refType" } }
    },
    securedBy: {
      type: "object",
      additionalProperties: false,
      properties: { mechanism: { type: "string" }, algorithmRef: { $ref: "#/definitions/refType" } }
    },
    tags: { type: "array", items: { type: "string" } },
    patentFamily: {
      type: "object",
      required: ["familyId"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        familyId: { type: "string" },
        priorityApplication: { $ref: "#/definitions/priorityApplication" },
        members: { type: "array", items: { $ref: "#/definitions/refLinkType" } },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } }
      }
    },
    patent: {
      type: "object",
      required: ["patentNumber", "jurisdiction", "patentLegalStatus"],
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        patentNumber: {
          type: "string",
          pattern: "^[A-Za-z0-9][A-Za-z0-9\\-/.()\\s]{0,28}[A-Za-z0-9]$"
        },
        applicationNumber: { $ref: "#/definitions/patentApplicationNumber" },
        jurisdiction: { $ref: "#/definitions/patentJurisdiction" },
        priorityApplication: { $ref: "#/definitions/priorityApplication" },
        publicationNumber: {
          type: "string",
          pattern: "^[A-Za-z0-9][A-Za-z0-9\\-/.()\\s]{0,28}[A-Za-z0-9]$"
        },
        title: { type: "string" },
        abstract: { type: "string" },
        filingDate: { type: "string", format: "date" },
        grantDate: { type: "string", format: "date" },
        patentExpirationDate: { type: "string", format: "date" },
        patentLegalStatus: {
          type: "string",
          enum: [
            "pending",
            "granted",
            "revoked",
            "expired",
            "lapsed",
            "withdrawn",
            "abandoned",
            "suspended",
            "reinstated",
            "opposed",
            "terminated",
            "invalidated",
            "in-force"
          ]
        },
        patentAssignee: {
          type: "array",
          items: {
            oneOf: [
              { $ref: "#/definitions/organizationalContact" },
              { $ref: "#/definitions/organizationalEntity" }
            ]
          }
        },
        externalReferences: { type: "array", items: { $ref: "#/definitions/externalReference" } }
      }
    },
    patentAssertions: {
      type: "array",
      items: {
        type: "object",
        required: ["assertionType", "asserter"],
        additionalProperties: false,
        properties: {
          "bom-ref": { $ref: "#/definitions/refType" },
          assertionType: {
            type: "string",
            enum: [
              "ownership",
              "license",
              "third-party-claim",
              "standards-inclusion",
              "prior-art",
              "exclusive-rights",
              "non-assertion",
              "research-or-evaluation"
            ]
          },
          patentRefs: { type: "array", items: { $ref: "#/definitions/refType" } },
          asserter: {
            oneOf: [
              { $ref: "#/definitions/organizationalEntity" },
              { $ref: "#/definitions/organizationalContact" },
              { $ref: "#/definitions/refLinkType" }
            ]
          },
          notes: { type: "string" }
        }
      }
    },
    patentApplicationNumber: {
      type: "string",
      pattern: "^[A-Za-z0-9][A-Za-z0-9\\-/.()\\s]{0,28}[A-Za-z0-9]$"
    },
    patentJurisdiction: { type: "string", pattern: "^[A-Z]{2}$" },
    patentFilingDate: { type: "string", format: "date" },
    priorityApplication: {
      type: "object",
      required: ["applicationNumber", "jurisdiction", "filingDate"],
      additionalProperties: false,
      properties: {
        applicationNumber: { $ref: "#/definitions/patentApplicationNumber" },
        jurisdiction: { $ref: "#/definitions/patentJurisdiction" },
        filingDate: { $ref: "#/definitions/patentFilingDate" }
      }
    },
    citation: {
      type: "object",
      additionalProperties: false,
      properties: {
        "bom-ref": { $ref: "#/definitions/refType" },
        pointers: { type: "array", items: { type: "string" }, minItems: 1 },
        expressions: { type: "array", items: { type: "string" }, minItems: 1 },
        timestamp: { type: "string", format: "date-time" },
        attributedTo: { $ref: "#/definitions/refLinkType" },
        process: { $ref: "#/definitions/refLinkType" },
        note: { type: "string" },
        signature: { $ref: "#/definitions/signature" }
      },
      required: ["timestamp"],
      anyOf: [{ required: ["attributedTo"] }, { required: ["process"] }],
      oneOf: [{ required: ["pointers"] }, { required: ["expressions"] }]
    }
  }
};

// src/sbom/schemas/cyclonedx-spdx.schema.json
var cyclonedx_spdx_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "http://cyclonedx.org/schema/spdx.schema.json",
  type: "string",
  enum: [
    "0BSD",
    "3D-Slicer-1.0",
    "AAL",
    "Abstyles",
    "AdaCore-doc",
    "Adobe-2006",
    "Adobe-Display-PostScript",
    "Adobe-Glyph",
    "Adobe-Utopia",
    "ADSL",
    "Advanced-Cryptics-Dictionary",
    "AFL-1.1",
    "AFL-1.2",
    "AFL-2.0",
    "AFL-2.1",
    "AFL-3.0",
    "Afmparse",
    "AGPL-1.0",
    "AGPL-1.0-only",
    "AGPL-1.0-or-later",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Aladdin",
    "ALGLIB-Documentation",
    "AMD-newlib",
    "AMDPLPA",
    "AML",
    "AML-glslang",
    "AMPAS",
    "ANTLR-PD",
    "ANTLR-PD-fallback",
    "any-OSI",
    "any-OSI-perl-modules",
    "Apache-1.0",
    "Apache-1.1",
    "Apache-2.0",
    "APAFML",
    "APL-1.0",
    "App-s2p",
    "APSL-1.0",
    "APSL-1.1",
    "APSL-1.2",
    "APSL-2.0",
    "Arphic-1999",
    "Artistic-1.0",
    "Artistic-1.0-cl8",
    "Artistic-1.0-Perl",
    "Artistic-2.0",
    "Artistic-dist",
    "Aspell-RU",
    "ASWF-Digital-Assets-1.0",
    "ASWF-Digital-Assets-1.1",
    "Baekmuk",
    "Bahyph",
    "Barr",
    "bcrypt-Solar-Designer",
    "Beerware",
    "Bitstream-Charter",
    "Bitstream-Vera",
    "BitTorrent-1.0",
    "BitTorrent-1.1",
    "blessing",
    "BlueOak-1.0.0",
    "Boehm-GC",
    "Boehm-GC-without-fee",
    "BOLA-1.1",
    "Borceux",
    "Brian-Gladman-2-Clause",
    "Brian-Gladman-3-Clause",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Darwin",
    "BSD-2-Clause-first-lines",
    "BSD-2-Clause-FreeBSD",
    "BSD-2-Clause-NetBSD",
    "BSD-2-Clause-Patent",
    "BSD-2-Clause-pkgconf-disclaimer",
    "BSD-2-Clause-Views",
    "BSD-3-Clause",
    "BSD-3-Clause-acpica",
    "BSD-3-Clause-Attribution",
    "BSD-3-Clause-Clear",
    "BSD-3-Clause-flex",
    "BSD-3-Clause-HP",
    "BSD-3-Clause-LBNL",
    "BSD-3-Clause-Modification",
    "BSD-3-Clause-No-Military-License",
    "BSD-3-Clause-No-Nuclear-License",
    "BSD-3-Clause-No-Nuclear-License-2014",
    "BSD-3-Clause-No-Nuclear-Warranty",
    "BSD-3-Clause-Open-MPI",
    "BSD-3-Clause-Sun",
    "BSD-3-Clause-Tso",
    "BSD-4-Clause",
    "BSD-4-Clause-Shortened",
    "BSD-4-Clause-UC",
    "BSD-4.3RENO",
    "BSD-4.3TAHOE",
    "BSD-Advertising-Acknowledgement",
    "BSD-Attribution-HPND-disclaimer",
    "BSD-Inferno-Nettverk",
    "BSD-Mark-Modifications",
    "BSD-Protection",
    "BSD-Source-beginning-file",
    "BSD-Source-Code",
    "BSD-Systemics",
    "BSD-Systemics-W3Works",
    "BSL-1.0",
    "Buddy",
    "BUSL-1.1",
    "bzip2-1.0.5",
    "bzip2-1.0.6",
    "C-UDA-1.0",
    "CAL-1.0",
    "CAL-1.0-Combined-Work-Exception",
    "Caldera",
    "Caldera-no-preamble",
    "CAPEC-tou",
    "Catharon",
    "CATOSL-1.1",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-2.5-AU",
    "CC-BY-3.0",
    "CC-BY-3.0-AT",
    "CC-BY-3.0-AU",
    "CC-BY-3.0-DE",
    "CC-BY-3.0-IGO",
    "CC-BY-3.0-NL",
    "CC-BY-3.0-US",
    "CC-BY-4.0",
    "CC-BY-NC-1.0",
    "CC-BY-NC-2.0",
    "CC-BY-NC-2.5",
    "CC-BY-NC-3.0",
    "CC-BY-NC-3.0-DE",
    "CC-BY-NC-4.0",
    "CC-BY-NC-ND-1.0",
    "CC-BY-NC-ND-2.0",
    "CC-BY-NC-ND-2.5",
    "CC-BY-NC-ND-3.0",
    "CC-BY-NC-ND-3.0-DE",
    "CC-BY-NC-ND-3.0-IGO",
    "CC-BY-NC-ND-4.0",
    "CC-BY-NC-SA-1.0",
    "CC-BY-NC-SA-2.0",
    "CC-BY-NC-SA-2.0-DE",
    "CC-BY-NC-SA-2.0-FR",
    "CC-BY-NC-SA-2.0-UK",
    "CC-BY-NC-SA-2.5",
    "CC-BY-NC-SA-3.0",
    "CC-BY-NC-SA-3.0-DE",
    "CC-BY-NC-SA-3.0-IGO",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-1.0",
    "CC-BY-ND-2.0",
    "CC-BY-ND-2.5",
    "CC-BY-ND-3.0",
    "CC-BY-ND-3.0-DE",
    "CC-BY-ND-4.0",
    "CC-BY-SA-1.0",
    "CC-BY-SA-2.0",
    "CC-BY-SA-2.0-UK",
    "CC-BY-SA-2.1-JP",
    "CC-BY-SA-2.5",
    "CC-BY-SA-3.0",
    "CC-BY-SA-3.0-AT",
    "CC-BY-SA-3.0-DE",
    "CC-BY-SA-3.0-IGO",
    "CC-BY-SA-4.0",
    "CC-PDDC",
    "CC-PDM-1.0",
    "CC-SA-1.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CDL-1.0",
    "CDLA-Permissive-1.0",
    "CDLA-Permissive-2.0",
    "CDLA-Sharing-1.0",
    "CECILL-1.0",
    "CECILL-1.1",
    "CECILL-2.0",
    "CECILL-2.1",
    "CECILL-B",
    "CECILL-C",
    "CERN-OHL-1.1",
    "CERN-OHL-1.2",
    "CERN-OHL-P-2.0",
    "CERN-OHL-S-2.0",
    "CERN-OHL-W-2.0",
    "CFITSIO",
    "check-cvs",
    "checkmk",
    "ClArtistic",
    "Clips",
    "CMU-Mach",
    "CMU-Mach-nodoc",
    "CNRI-Jython",
    "CNRI-Python",
    "CNRI-Python-GPL-Compatible",
    "COIL-1.0",
    "Community-Spec-1.0",
    "Condor-1.1",
    "copyleft-next-0.3.0",
    "copyleft-next-0.3.1",
    "Cornell-Lossless-JPEG",
    "CPAL-1.0",
    "CPL-1.0",
    "CPOL-1.02",
    "Cronyx",
    "Crossword",
    "CryptoSwift",
    "CrystalStacker",
    "CUA-OPL-1.0",
    "Cube",
    "curl",
    "cve-tou",
    "D-FSL-1.0",
    "DEC-3-Clause",
    "diffmark",
    "DL-DE-BY-2.0",
    "DL-DE-ZERO-2.0",
    "DOC",
    "DocBook-DTD",
    "DocBook-Schema",
    "DocBook-Stylesheet",
    "DocBook-XML",
    "Dotseqn",
    "DRL-1.0",
    "DRL-1.1",
    "DSDP",
    "dtoa",
    "dvipdfm",
    "ECL-1.0",
    "ECL-2.0",
    "eCos-2.0",
    "EFL-1.0",
    "EFL-2.0",
    "eGenix",
    "Elastic-2.0",
    "Entessa",
    "EPICS",
    "EPL-1.0",
    "EPL-2.0",
    "ErlPL-1.1",
    "ESA-PL-permissive-2.4",
    "ESA-PL-strong-copyleft-2.4",
    "ESA-PL-weak-copyleft-2.4",
    "etalab-2.0",
    "EUDatagrid",
    "EUPL-1.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "Eurosym",
    "Fair",
    "FBM",
    "FDK-AAC",
    "Ferguson-Twofish",
    "Frameworx-1.0",
    "FreeBSD-DOC",
    "FreeImage",
    "FSFAP",
    "FSFAP-no-warranty-disclaimer",
    "FSFUL",
    "FSFULLR",
    "FSFULLRSD",
    "FSFULLRWD",
    "FSL-1.1-ALv2",
    "FSL-1.1-MIT",
    "FTL",
    "Furuseth",
    "fwlw",
    "Game-Programming-Gems",
    "GCR-docs",
    "GD",
    "generic-xts",
    "GFDL-1.1",
    "GFDL-1.1-invariants-only",
    "GFDL-1.1-invariants-or-later",
    "GFDL-1.1-no-invariants-only",
    "GFDL-1.1-no-invariants-or-later",
    "GFDL-1.1-only",
    "GFDL-1.1-or-later",
    "GFDL-1.2",
    "GFDL-1.2-invariants-only",
    "GFDL-1.2-invariants-or-later",
    "GFDL-1.2-no-invariants-only",
    "GFDL-1.2-no-invariants-or-later",
    "GFDL-1.2-only",
    "GFDL-1.2-or-later",
    "GFDL-1.3",
    "GFDL-1.3-invariants-only",
    "GFDL-1.3-invariants-or-later",
    "GFDL-1.3-no-invariants-only",
    "GFDL-1.3-no-invariants-or-later",
    "GFDL-1.3-only",
    "GFDL-1.3-or-later",
    "Giftware",
    "GL2PS",
    "Glide",
    "Glulxe",
    "GLWTPL",
    "gnuplot",
    "GPL-1.0",
    "GPL-1.0+",
    "GPL-1.0-only",
    "GPL-1.0-or-later",
    "GPL-2.0",
    "GPL-2.0+",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-2.0-with-autoconf-exception",
    "GPL-2.0-with-bison-exception",
    "GPL-2.0-with-classpath-exception",
    "GPL-2.0-with-font-exception",
    "GPL-2.0-with-GCC-exception",
    "GPL-3.0",
    "GPL-3.0+",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "GPL-3.0-with-autoconf-exception",
    "GPL-3.0-with-GCC-exception",
    "Graphics-Gems",
    "gSOAP-1.3b",
    "gtkbook",
    "Gutmann",
    "HaskellReport",
    "HDF5",
    "hdparm",
    "HIDAPI",
    "Hippocratic-2.1",
    "HP-1986",
    "HP-1989",
    "HPND",
    "HPND-DEC",
    "HPND-doc",
    "HPND-doc-sell",
    "HPND-export-US",
    "HPND-export-US-acknowledgement",
    "HPND-export-US-modify",
    "HPND-export2-US",
    "HPND-Fenneberg-Livingston",
    "HPND-INRIA-IMAG",
    "HPND-Intel",
    "HPND-Kevlin-Henney",
    "HPND-Markus-Kuhn",
    "HPND-merchantability-variant",
    "HPND-MIT-disclaimer",
    "HPND-Netrek",
    "HPND-Pbmplus",
    "HPND-sell-MIT-disclaimer-xserver",
    "HPND-sell-regexpr",
    "HPND-sell-variant",
    "HPND-sell-variant-critical-systems",
    "HPND-sell-variant-MIT-disclaimer",
    "HPND-sell-variant-MIT-disclaimer-rev",
    "HPND-SMC",
    "HPND-UC",
    "HPND-UC-export-US",
    "HTMLTIDY",
    "hyphen-bulgarian",
    "IBM-pibs",
    "ICU",
    "IEC-Code-Components-EULA",
    "IJG",
    "IJG-short",
    "ImageMagick",
    "iMatix",
    "Imlib2",
    "Info-ZIP",
    "Inner-Net-2.0",
    "InnoSetup",
    "Intel",
    "Intel-ACPI",
    "Interbase-1.0",
    "IPA",
    "IPL-1.0",
    "ISC",
    "ISC-Veillard",
    "ISO-permission",
    "Jam",
    "JasPer-2.0",
    "jove",
    "JPL-image",
    "JPNIC",
    "JSON",
    "Kastrup",
    "Kazlib",
    "Knuth-CTAN",
    "LAL-1.2",
    "LAL-1.3",
    "Latex2e",
    "Latex2e-translated-notice",
    "Leptonica",
    "LGPL-2.0",
    "LGPL-2.0+",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1",
    "LGPL-2.1+",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0+",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "LGPLLR",
    "Libpng",
    "libpng-1.6.35",
    "libpng-2.0",
    "libselinux-1.0",
    "libtiff",
    "libutil-David-Nugent",
    "LiLiQ-P-1.1",
    "LiLiQ-R-1.1",
    "LiLiQ-Rplus-1.1",
    "Linux-man-pages-1-para",
    "Linux-man-pages-copyleft",
    "Linux-man-pages-copyleft-2-para",
    "Linux-man-pages-copyleft-var",
    "Linux-OpenIB",
    "LOOP",
    "LPD-document",
    "LPL-1.0",
    "LPL-1.02",
    "LPPL-1.0",
    "LPPL-1.1",
    "LPPL-1.2",
    "LPPL-1.3a",
    "LPPL-1.3c",
    "lsof",
    "Lucida-Bitmap-Fonts",
    "LZMA-SDK-9.11-to-9.20",
    "LZMA-SDK-9.22",
    "Mackerras-3-Clause",
    "Mackerras-3-Clause-acknowledgment",
    "magaz",
    "mailprio",
    "MakeIndex",
    "man2html",
    "Martin-Birgmeier",
    "McPhee-slideshow",
    "metamail",
    "Minpack",
    "MIPS",
    "MirOS",
    "MIT",
    "MIT-0",
    "MIT-advertising",
    "MIT-Click",
    "MIT-CMU",
    "MIT-enna",
    "MIT-feh",
    "MIT-Festival",
    "MIT-Khronos-old",
    "MIT-Modern-Variant",
    "MIT-open-group",
    "MIT-STK",
    "MIT-testregex",
    "MIT-Wu",
    "MITNFA",
    "MMIXware",
    "MMPL-1.0.1",
    "Motosoto",
    "MPEG-SSG",
    "mpi-permissive",
    "mpich2",
    "MPL-1.0",
    "MPL-1.1",
    "MPL-2.0",
    "MPL-2.0-no-copyleft-exception",
    "mplus",
    "MS-LPL",
    "MS-PL",
    "MS-RL",
    "MTLL",
    "MulanPSL-1.0",
    "MulanPSL-2.0",
    "Multics",
    "Mup",
    "NAIST-2003",
    "NASA-1.3",
    "Naumen",
    "NBPL-1.0",
    "NCBI-PD",
    "NCGL-UK-2.0",
    "NCL",
    "NCSA",
    "Net-SNMP",
    "NetCDF",
    "Newsletr",
    "NGPL",
    "ngrep",
    "NICTA-1.0",
    "NIST-PD",
    "NIST-PD-fallback",
    "NIST-PD-TNT",
    "NIST-Software",
    "NLOD-1.0",
    "NLOD-2.0",
    "NLPL",
    "Nokia",
    "NOSL",
    "Noweb",
    "NPL-1.0",
    "NPL-1.1",
    "NPOSL-3.0",
    "NRL",
    "NTIA-PD",
    "NTP",
    "NTP-0",
    "Nunit",
    "O-UDA-1.0",
    "OAR",
    "OCCT-PL",
    "OCLC-2.0",
    "ODbL-1.0",
    "ODC-By-1.0",
    "OFFIS",
    "OFL-1.0",
    "OFL-1.0-no-RFN",
    "OFL-1.0-RFN",
    "OFL-1.1",
    "OFL-1.1-no-RFN",
    "OFL-1.1-RFN",
    "OGC-1.0",
    "OGDL-Taiwan-1.0",
    "OGL-Canada-2.0",
    "OGL-UK-1.0",
    "OGL-UK-2.0",
    "OGL-UK-3.0",
    "OGTSL",
    "OLDAP-1.1",
    "OLDAP-1.2",
    "OLDAP-1.3",
    "OLDAP-1.4",
    "OLDAP-2.0",
    "OLDAP-2.0.1",
    "OLDAP-2.1",
    "OLDAP-2.2",
    "OLDAP-2.2.1",
    "OLDAP-2.2.2",
    "OLDAP-2.3",
    "OLDAP-2.4",
    "OLDAP-2.5",
    "OLDAP-2.6",
    "OLDAP-2.7",
    "OLDAP-2.8",
    "OLFL-1.3",
    "OML",
    "OpenMDW-1.0",
    "OpenPBS-2.3",
    "OpenSSL",
    "OpenSSL-standalone",
    "OpenVision",
    "OPL-1.0",
    "OPL-UK-3.0",
    "OPUBL-1.0",
    "OSC-1.0",
    "OSET-PL-2.1",
    "OSL-1.0",
    "OSL-1.1",
    "OSL-2.0",
    "OSL-2.1",
    "OSL-3.0",
    "OSSP",
    "PADL",
    "ParaType-Free-Font-1.3",
    "Parity-6.0.0",
    "Parity-7.0.0",
    "PDDL-1.0",
    "PHP-3.0",
    "PHP-3.01",
    "Pixar",
    "pkgconf",
    "Plexus",
    "pnmstitch",
    "PolyForm-Noncommercial-1.0.0",
    "PolyForm-Small-Business-1.0.0",
    "PostgreSQL",
    "PPL",
    "PSF-2.0",
    "psfrag",
    "psutils",
    "Python-2.0",
    "Python-2.0.1",
    "python-ldap",
    "Qhull",
    "QPL-1.0",
    "QPL-1.0-INRIA-2004",
    "radvd",
    "Rdisc",
    "RHeCos-1.1",
    "RPL-1.1",
    "RPL-1.5",
    "RPSL-1.0",
    "RSA-MD",
    "RSCPL",
    "Ruby",
    "Ruby-pty",
    "SAX-PD",
    "SAX-PD-2.0",
    "Saxpath",
    "SCEA",
    "SchemeReport",
    "Sendmail",
    "Sendmail-8.23",
    "Sendmail-Open-Source-1.1",
    "SGI-B-1.0",
    "SGI-B-1.1",
    "SGI-B-2.0",
    "SGI-OpenGL",
    "SGMLUG-PM",
    "SGP4",
    "SHL-0.5",
    "SHL-0.51",
    "SimPL-2.0",
    "SISSL",
    "SISSL-1.2",
    "SL",
    "Sleepycat",
    "SMAIL-GPL",
    "SMLNJ",
    "SMPPL",
    "SNIA",
    "snprintf",
    "SOFA",
    "softSurfer",
    "Soundex",
    "Spencer-86",
    "Spencer-94",
    "Spencer-99",
    "SPL-1.0",
    "ssh-keyscan",
    "SSH-OpenSSH",
    "SSH-short",
    "SSLeay-standalone",
    "SSPL-1.0",
    "StandardML-NJ",
    "SugarCRM-1.1.3",
    "SUL-1.0",
    "Sun-PPP",
    "Sun-PPP-2000",
    "SunPro",
    "SWL",
    "swrule",
    "Symlinks",
    "TAPR-OHL-1.0",
    "TCL",
    "TCP-wrappers",
    "TekHVC",
    "TermReadKey",
    "TGPPL-1.0",
    "ThirdEye",
    "threeparttable",
    "TMate",
    "TORQUE-1.1",
    "TOSL",
    "TPDL",
    "TPL-1.0",
    "TrustedQSL",
    "TTWL",
    "TTYP0",
    "TU-Berlin-1.0",
    "TU-Berlin-2.0",
    "Ubuntu-font-1.0",
    "UCAR",
    "UCL-1.0",
    "ulem",
    "UMich-Merit",
    "Unicode-3.0",
    "Unicode-DFS-2015",
    "Unicode-DFS-2016",
    "Unicode-TOU",
    "UnixCrypt",
    "Unlicense",
    "Unlicense-libtelnet",
    "Unlicense-libwhirlpool",
    "UnRAR",
    "UPL-1.0",
    "URT-RLE",
    "Vim",
    "Vixie-Cron",
    "VOSTROM",
    "VSL-1.0",
    "W3C",
    "W3C-19980720",
    "W3C-20150513",
    "w3m",
    "Watcom-1.0",
    "Widget-Workshop",
    "WordNet",
    "Wsuipa",
    "WTFNMFPL",
    "WTFPL",
    "wwl",
    "wxWindows",
    "X11",
    "X11-distribute-modifications-variant",
    "X11-no-permit-persons",
    "X11-swapped",
    "Xdebug-1.03",
    "Xerox",
    "Xfig",
    "XFree86-1.1",
    "xinetd",
    "xkeyboard-config-Zinoviev",
    "xlock",
    "Xnet",
    "xpp",
    "XSkat",
    "xzoom",
    "YPL-1.0",
    "YPL-1.1",
    "Zed",
    "Zeeff",
    "Zend-2.0",
    "Zimbra-1.3",
    "Zimbra-1.4",
    "Zlib",
    "zlib-acknowledgement",
    "ZPL-1.1",
    "ZPL-2.0",
    "ZPL-2.1",
    "389-exception",
    "Asterisk-exception",
    "Asterisk-linking-protocols-exception",
    "Autoconf-exception-2.0",
    "Autoconf-exception-3.0",
    "Autoconf-exception-generic",
    "Autoconf-exception-generic-3.0",
    "Autoconf-exception-macro",
    "Bison-exception-1.24",
    "Bison-exception-2.2",
    "Bootloader-exception",
    "CGAL-linking-exception",
    "Classpath-exception-2.0",
    "Classpath-exception-2.0-short",
    "CLISP-exception-2.0",
    "cryptsetup-OpenSSL-exception",
    "Digia-Qt-LGPL-exception-1.1",
    "DigiRule-FOSS-exception",
    "eCos-exception-2.0",
    "erlang-otp-linking-exception",
    "Fawkes-Runtime-exception",
    "FLTK-exception",
    "fmt-exception",
    "Font-exception-2.0",
    "freertos-exception-2.0",
    "GCC-exception-2.0",
    "GCC-exception-2.0-note",
    "GCC-exception-3.1",
    "Gmsh-exception",
    "GNAT-exception",
    "GNOME-examples-exception",
    "GNU-compiler-exception",
    "gnu-javamail-exception",
    "GPL-3.0-389-ds-base-exception",
    "GPL-3.0-interface-exception",
    "GPL-3.0-linking-exception",
    "GPL-3.0-linking-source-exception",
    "GPL-CC-1.0",
    "GStreamer-exception-2005",
    "GStreamer-exception-2008",
    "harbour-exception",
    "i2p-gpl-java-exception",
    "Independent-modules-exception",
    "KiCad-libraries-exception",
    "kvirc-openssl-exception",
    "LGPL-3.0-linking-exception",
    "libpri-OpenH323-exception",
    "Libtool-exception",
    "Linux-syscall-note",
    "LLGPL",
    "LLVM-exception",
    "LZMA-exception",
    "mif-exception",
    "mxml-exception",
    "Nokia-Qt-exception-1.1",
    "OCaml-LGPL-linking-exception",
    "OCCT-exception-1.0",
    "OpenJDK-assembly-exception-1.0",
    "openvpn-openssl-exception",
    "PCRE2-exception",
    "polyparse-exception",
    "PS-or-PDF-font-exception-20170817",
    "QPL-1.0-INRIA-2004-exception",
    "Qt-GPL-exception-1.0",
    "Qt-LGPL-exception-1.1",
    "Qwt-exception-1.0",
    "romic-exception",
    "RRDtool-FLOSS-exception-2.0",
    "rsync-linking-exception",
    "SANE-exception",
    "SHL-2.0",
    "SHL-2.1",
    "Simple-Library-Usage-exception",
    "sqlitestudio-OpenSSL-exception",
    "stunnel-exception",
    "SWI-exception",
    "Swift-exception",
    "Texinfo-exception",
    "u-boot-exception-2.0",
    "UBDL-exception",
    "Universal-FOSS-exception-1.0",
    "vsftpd-openssl-exception",
    "WxWindows-exception-3.1",
    "x11vnc-openssl-exception"
  ]
};

// src/sbom/schemas/cyclonedx-jsf-0.82.schema.json
var cyclonedx_jsf_0_82_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "http://cyclonedx.org/schema/jsf-0.82.schema.json",
  type: "object",
  definitions: {
    signature: {
      type: "object",
      oneOf: [
        {
          additionalProperties: false,
          properties: { signers: { type: "array", items: { $ref: "#/definitions/signer" } } }
        },
        {
          additionalProperties: false,
          properties: { chain: { type: "array", items: { $ref: "#/definitions/signer" } } }
        },
        { $ref: "#/definitions/signer" }
      ]
    },
    signer: {
      type: "object",
      required: ["algorithm", "value"],
      additionalProperties: false,
      properties: {
        algorithm: {
          oneOf: [
            {
              type: "string",
              enum: [
                "RS256",
                "RS384",
                "RS512",
                "PS256",
                "PS384",
                "PS512",
                "ES256",
                "ES384",
                "ES512",
                "Ed25519",
                "Ed448",
                "HS256",
                "HS384",
                "HS512"
              ]
            },
            { type: "string", format: "uri" }
          ]
        },
        keyId: { type: "string" },
        publicKey: { $ref: "#/definitions/publicKey" },
        certificatePath: { type: "array", items: { type: "string" } },
        excludes: { type: "array", items: { type: "string" } },
        value: { type: "string" }
      }
    },
    keyType: { type: "string", enum: ["EC", "OKP", "RSA"] },
    publicKey: {
      type: "object",
      required: ["kty"],
      additionalProperties: true,
      properties: { kty: { $ref: "#/definitions/keyType" } },
      allOf: [
        {
          if: { properties: { kty: { const: "EC" } } },
          then: {
            required: ["kty", "crv", "x", "y"],
            additionalProperties: false,
            properties: {
              kty: { $ref: "#/definitions/keyType" },
              crv: { type: "string", enum: ["P-256", "P-384", "P-521"] },
              x: { type: "string" },
              y: { type: "string" }
            }
          }
        },
        {
          if: { properties: { kty: { const: "OKP" } } },
          then: {
            required: ["kty", "crv", "x"],
            additionalProperties: false,
            properties: {
              kty: { $ref: "#/definitions/keyType" },
              crv: { type: "string", enum: ["Ed25519", "Ed448"] },
              x: { type: "string" }
            }
          }
        },
        {
          if: { properties: { kty: { const: "RSA" } } },
          then: {
            required: ["kty", "n", "e"],
            additionalProperties: false,
            properties: {
              kty: { $ref: "#/definitions/keyType" },
              n: { type: "string" },
              e: { type: "string" }
            }
          }
        }
      ]
    }
  }
};

// src/sbom/schemas/cyclonedx-cryptography-defs.schema.json
var cyclonedx_cryptography_defs_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "http://cyclonedx.org/schema/cryptography-defs.schema.json",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    lastUpdated: { type: "string", format: "date-time" },
    algorithms: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        properties: {
          family: { type: "string" },
          standard: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              properties: {
                name: { type: "string" },
                url: { type: "string", format: "iri-reference" }
              },
              required: ["name", "url"]
            }
          },
          variant: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              properties: {
                pattern: { type: "string" },
                primitive: { type: "string" },
                standard: {
                  type: "array",
                  items: {
                    type: "object",
                    additionalProperties: false,
                    properties: {
                      name: { type: "string" },
                      url: { type: "string", format: "iri-reference" }
                    },
                    required: ["name", "url"]
                  }
                }
              },
              required: ["pattern", "primitive"]
            }
          }
        },
        required: ["family", "variant"]
      }
    },
    ellipticCurves: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        properties: {
          name: { type: "string" },
          description: { type: ["string", "null"] },
          curves: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              properties: {
                name: { type: "string" },
                description: { type: ["string", "null"] },
                oid: { type: ["string", "null"] },
                form: {
                  type: "string",
                  enum: ["Weierstrass", "Edwards", "TwistedEdwards", "Montgomery"]
                },
                aliases: {
                  type: "array",
                  items: {
                    type: "object",
                    additionalProperties: false,
                    properties: { category: { type: "string" }, name: { type: "string" } },
                    required: ["category", "name"]
                  }
                }
              },
              required: ["name", "description", "oid", "form"]
            }
          }
        },
        required: ["name", "description", "curves"]
      }
    }
  },
  required: ["lastUpdated", "algorithms", "ellipticCurves"],
  definitions: {
    algorithmFamiliesEnum: {
      type: "string",
      enum: [
        "3DES",
        "3GPP-XOR",
        "A5/1",
        "A5/2",
        "AES",
        "ARIA",
        "Argon2",
        "Ascon",
        "BLAKE2",
        "BLAKE3",
        "BLS",
        "Blowfish",
        "CAMELLIA",
        "CAST5",
        "CAST6",
        "CMAC",
        "CMEA",
        "CTR_DRBG",
        "ChaCha",
        "ChaCha20",
        "DES",
        "DSA",
        "ECDH",
        "ECDSA",
        "ECIES",
        "EdDSA",
        "ElGamal",
        "FFDH",
        "Fortuna",
        "GOST",
        "HC",
        "HKDF",
        "HMAC",
        "HMAC_DRBG",
        "HPKE",
        "Hash_DRBG",
        "IDEA",
        "IKE-PRF",
        "J-PAKE",
        "LMS",
        "MD2",
        "MD4",
        "MD5",
        "MILENAGE",
        "ML-DSA",
        "ML-KEM",
        "MQV",
        "OPAQUE",
        "PBES1",
        "PBES2",
        "PBKDF1",
        "PBKDF2",
        "PBMAC1",
        "Poly1305",
        "RABBIT",
        "RC2",
        "RC4",
        "RC5",
        "RC6",
        "RIPEMD",
        "RSAES-OAEP",
        "RSAES-PKCS1",
        "RSASSA-PKCS1",
        "RSASSA-PSS",
        "SEED",
        "SHA-1",
        "SHA-2",
        "SHA-3",
        "SLH-DSA",
        "SM2",
        "SM3",
        "SM4",
        "SM9",
        "SNOW3G",
        "SP800-108",
        "SPAKE2",
        "SPAKE2PLUS",
        "SRP",
        "Salsa20",
        "Serpent",
        "SipHash",
        "Skipjack",
        "TUAK",
        "Twofish",
        "UMAC",
        "Whirlpool",
        "X3DH",
        "XMSS",
        "Yarrow",
        "ZUC",
        "bcrypt",
        "scrypt",
        "yescrypt"
      ]
    },
    ellipticCurvesEnum: {
      type: "string",
      enum: [
        "anssi/FRP256v1",
        "bls/BLS12-377",
        "bls/BLS12-381",
        "bls/BLS12-446",
        "bls/BLS12-455",
        "bls/BLS12-638",
        "bls/BLS24-477",
        "bls/Bandersnatch",
        "bn/bn158",
        "bn/bn190",
        "bn/bn222",
        "bn/bn254",
        "bn/bn286",
        "bn/bn318",
        "bn/bn350",
        "bn/bn382",
        "bn/bn414",
        "bn/bn446",
        "bn/bn478",
        "bn/bn510",
        "bn/bn542",
        "bn/bn574",
        "bn/bn606",
        "bn/bn638",
        "brainpool/brainpoolP160r1",
        "brainpool/brainpoolP160t1",
        "brainpool/brainpoolP192r1",
        "brainpool/brainpoolP192t1",
        "brainpool/brainpoolP224r1",
        "brainpool/brainpoolP224t1",
        "brainpool/brainpoolP256r1",
        "brainpool/brainpoolP256t1",
        "brainpool/brainpoolP320r1",
        "brainpool/brainpoolP320t1",
        "brainpool/brainpoolP384r1",
        "brainpool/brainpoolP384t1",
        "brainpool/brainpoolP512r1",
        "brainpool/brainpoolP512t1",
        "gost/gost256",
        "gost/gost512",
        "gost/id-GostR3410-2001-CryptoPro-A-ParamSet",
        "gost/id-GostR3410-2001-CryptoPro-B-ParamSet",
        "gost/id-GostR3410-2001-CryptoPro-C-ParamSet",
        "gost/id-tc26-gost-3410-12-512-paramSetA",
        "gost/id-tc26-gost-3410-12-512-paramSetB",
        "gost/id-tc26-gost-3410-2012-256-paramSetA",
        "gost/id-tc26-gost-3410-2012-512-paramSetC",
        "mnt/mnt1",
        "mnt/mnt2/1",
        "mnt/mnt2/2",
        "mnt/mnt3/1",
        "mnt/mnt3/2",
        "mnt/mnt3/3",
        "mnt/mnt4",
        "mnt/mnt5/1",
        "mnt/mnt5/2",
        "mnt/mnt5/3",
        "nist/B-163",
        "nist/B-233",
        "nist/B-283",
        "nist/B-409",
        "nist/B-571",
        "nist/K-163",
        "nist/K-233",
        "nist/K-283",
        "nist/K-409",
        "nist/K-571",
        "nist/P-192",
        "nist/P-224",
        "nist/P-256",
        "nist/P-384",
        "nist/P-521",
        "nums/ed-254-mont",
        "nums/ed-255-mers",
        "nums/ed-256-mont",
        "nums/ed-382-mont",
        "nums/ed-383-mers",
        "nums/ed-384-mont",
        "nums/ed-510-mont",
        "nums/ed-511-mers",
        "nums/ed-512-mont",
        "nums/numsp256d1",
        "nums/numsp256t1",
        "nums/numsp384d1",
        "nums/numsp384t1",
        "nums/numsp512d1",
        "nums/numsp512t1",
        "nums/w-254-mont",
        "nums/w-255-mers",
        "nums/w-256-mont",
        "nums/w-382-mont",
        "nums/w-383-mers",
        "nums/w-384-mont",
        "nums/w-510-mont",
        "nums/w-511-mers",
        "nums/w-512-mont",
        "oakley/192-bit Random ECP Group",
        "oakley/224-bit Random ECP Group",
        "oakley/256-bit Random ECP Group",
        "oakley/384-bit Random ECP Group",
        "oakley/521-bit Random ECP Group",
        "oakley/Oakley Group 3",
        "oakley/Oakley Group 4",
        "oscaa/SM2",
        "other/BADA55-R-256",
        "other/BADA55-VPR-224",
        "other/BADA55-VPR2-224",
        "other/BADA55-VR-224",
        "other/BADA55-VR-256",
        "other/BADA55-VR-384",
        "other/Curve1174",
        "other/Curve22103",
        "other/Curve25519",
        "other/Curve383187",
        "other/Curve41417",
        "other/Curve4417",
        "other/Curve448",
        "other/Curve67254",
        "other/E-222",
        "other/E-382",
        "other/E-521",
        "other/Ed25519",
        "other/Ed448",
        "other/Ed448-Goldilocks",
        "other/FourQ",
        "other/Fp224BN",
        "other/Fp254BNa",
        "other/Fp254BNb",
        "other/Fp254n2BNa",
        "other/Fp256BN",
        "other/Fp384BN",
        "other/Fp512BN",
        "other/JubJub",
        "other/M-221",
        "other/M-383",
        "other/M-511",
        "other/MDC201601",
        "other/Pallas",
        "other/Tom-256",
        "other/Tom-384",
        "other/Tom-521",
        "other/Tweedledee",
        "other/Tweedledum",
        "other/Vesta",
        "other/ssc-160",
        "other/ssc-192",
        "other/ssc-224",
        "other/ssc-256",
        "other/ssc-288",
        "other/ssc-320",
        "other/ssc-384",
        "other/ssc-512",
        "secg/secp112r1",
        "secg/secp112r2",
        "secg/secp128r1",
        "secg/secp128r2",
        "secg/secp160k1",
        "secg/secp160r1",
        "secg/secp160r2",
        "secg/secp192k1",
        "secg/secp192r1",
        "secg/secp224k1",
        "secg/secp224r1",
        "secg/secp256k1",
        "secg/secp256r1",
        "secg/secp384r1",
        "secg/secp521r1",
        "secg/sect113r1",
        "secg/sect113r2",
        "secg/sect131r1",
        "secg/sect131r2",
        "secg/sect163k1",
        "secg/sect163r1",
        "secg/sect163r2",
        "secg/sect193r1",
        "secg/sect193r2",
        "secg/sect233k1",
        "secg/sect233r1",
        "secg/sect239k1",
        "secg/sect283k1",
        "secg/sect283r1",
        "secg/sect409k1",
        "secg/sect409r1",
        "secg/sect571k1",
        "secg/sect571r1",
        "wtls/wap-wsg-idm-ecid-wtls1",
        "wtls/wap-wsg-idm-ecid-wtls10",
        "wtls/wap-wsg-idm-ecid-wtls11",
        "wtls/wap-wsg-idm-ecid-wtls12",
        "wtls/wap-wsg-idm-ecid-wtls3",
        "wtls/wap-wsg-idm-ecid-wtls4",
        "wtls/wap-wsg-idm-ecid-wtls5",
        "wtls/wap-wsg-idm-ecid-wtls6",
        "wtls/wap-wsg-idm-ecid-wtls7",
        "wtls/wap-wsg-idm-ecid-wtls8",
        "wtls/wap-wsg-idm-ecid-wtls9",
        "x962/c2onb191v4",
        "x962/c2onb191v5",
        "x962/c2onb239v4",
        "x962/c2onb239v5",
        "x962/c2pnb163v1",
        "x962/c2pnb163v2",
        "x962/c2pnb163v3",
        "x962/c2pnb176w1",
        "x962/c2pnb208w1",
        "x962/c2pnb272w1",
        "x962/c2pnb304w1",
        "x962/c2pnb368w1",
        "x962/c2tnb191v1",
        "x962/c2tnb191v2",
        "x962/c2tnb191v3",
        "x962/c2tnb239v1",
        "x962/c2tnb239v2",
        "x962/c2tnb239v3",
        "x962/c2tnb359v1",
        "x962/c2tnb431r1",
        "x962/prime192v1",
        "x962/prime192v2",
        "x962/prime192v3",
        "x962/prime239v1",
        "x962/prime239v2",
        "x962/prime239v3",
        "x962/prime256v1",
        "x963/ansip160k1",
        "x963/ansip160r1",
        "x963/ansip160r2",
        "x963/ansip192k1",
        "x963/ansip224k1",
        "x963/ansip224r1",
        "x963/ansip256k1",
        "x963/ansip384r1",
        "x963/ansip521r1",
        "x963/ansit163k1",
        "x963/ansit163r1",
        "x963/ansit163r2",
        "x963/ansit193r1",
        "x963/ansit193r2",
        "x963/ansit233k1",
        "x963/ansit233r1",
        "x963/ansit239k1",
        "x963/ansit283k1",
        "x963/ansit283r1",
        "x963/ansit409k1",
        "x963/ansit409r1",
        "x963/ansit571k1",
        "x963/ansit571r1"
      ]
    }
  }
};

// src/sbom/schemas/spdx-2.3.schema.json
var spdx_2_3_schema_default = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "http://spdx.org/rdf/terms/2.3",
  type: "object",
  properties: {
    SPDXID: { type: "string" },
    annotations: {
      type: "array",
      items: {
        type: "object",
        properties: {
          annotationDate: { type: "string" },
          annotationType: { type: "string", enum: ["OTHER", "REVIEW"] },
          annotator: { type: "string" },
          comment: { type: "string" }
        },
        required: ["annotationDate", "annotationType", "annotator", "comment"],
        additionalProperties: false
      }
    },
    comment: { type: "string" },
    creationInfo: {
      type: "object",
      properties: {
        comment: { type: "string" },
        created: { type: "string" },
        creators: { minItems: 1, type: "array", items: { type: "string" } },
        licenseListVersion: { type: "string" }
      },
      required: ["created", "creators"],
      additionalProperties: false
    },
    dataLicense: { type: "string" },
    externalDocumentRefs: {
      type: "array",
      items: {
        type: "object",
        properties: {
          checksum: {
            type: "object",
            properties: {
              algorithm: {
                type: "string",
                enum: [
                  "SHA1",
                  "BLAKE3",
                  "SHA3-384",
                  "SHA256",
                  "SHA384",
                  "BLAKE2b-512",
                  "BLAKE2b-256",
                  "SHA3-512",
                  "MD2",
                  "ADLER32",
                  "MD4",
                  "SHA3-256",
                  "BLAKE2b-384",
                  "SHA512",
                  "MD6",
                  "MD5",
                  "SHA224"
                ]
              },
              checksumValue: { type: "string" }
            },
            required: ["algorithm", "checksumValue"],
            additionalProperties: false
          },
          externalDocumentId: { type: "string" },
          spdxDocument: { type: "string" }
        },
        required: ["checksum", "externalDocumentId", "spdxDocument"],
        additionalProperties: false
      }
    },
    hasExtractedLicensingInfos: {
      type: "array",
      items: {
        type: "object",
        properties: {
          comment: { type: "string" },
          crossRefs: {
            type: "array",
            items: {
              type: "object",
              properties: {
                isLive: { type: "boolean" },
                isValid: { type: "boolean" },
                isWayBackLink: { type: "boolean" },
                match: { type: "string" },
                order: { type: "integer" },
                timestamp: { type: "string" },
                url: { type: "string" }
              },
              required: ["url"],
              additionalProperties: false
            }
          },
          extractedText: { type: "string" },
          licenseId: { type: "string" },
          name: { type: "string" },
          seeAlsos: { type: "array", items: { type: "string" } }
        },
        required: ["extractedText", "licenseId"],
        additionalProperties: false
      }
    },
    name: { type: "string" },
    revieweds: {
      type: "array",
      items: {
        type: "object",
        properties: {
          comment: { type: "string" },
          reviewDate: { type: "string" },
          reviewer: { type: "string" }
        },
        required: ["reviewDate"],
        additionalProperties: false
      }
    },
    spdxVersion: { type: "string" },
    documentNamespace: { type: "string" },
    documentDescribes: { type: "array", items: { type: "string" } },
    packages: {
      type: "array",
      items: {
        type: "object",
        properties: {
          SPDXID: { type: "string" },
          annotations: {
            type: "array",
            items: {
              type: "object",
              properties: {
                annotationDate: { type: "string" },
                annotationType: { type: "string", enum: ["OTHER", "REVIEW"] },
                annotator: { type: "string" },
                comment: { type: "string" }
              },
              required: ["annotationDate", "annotationType", "annotator", "comment"],
              additionalProperties: false
            }
          },
          attributionTexts: { type: "array", items: { type: "string" } },
          builtDate: { type: "string" },
          checksums: {
            type: "array",
            items: {
              type: "object",
              properties: {
                algorithm: {
                  type: "string",
                  enum: [
                    "SHA1",
                    "BLAKE3",
                    "SHA3-384",
                    "SHA256",
                    "SHA384",
                    "BLAKE2b-512",
                    "BLAKE2b-256",
                    "SHA3-512",
                    "MD2",
                    "ADLER32",
                    "MD4",
                    "SHA3-256",
                    "BLAKE2b-384",
                    "SHA512",
                    "MD6",
                    "MD5",
                    "SHA224"
                  ]
                },
                checksumValue: { type: "string" }
              },
              required: ["algorithm", "checksumValue"],
              additionalProperties: false
            }
          },
          comment: { type: "string" },
          copyrightText: { type: "string" },
          description: { type: "string" },
          downloadLocation: { type: "string" },
          externalRefs: {
            type: "array",
            items: {
              type: "object",
              properties: {
                comment: { type: "string" },
                referenceCategory: {
                  type: "string",
                  enum: ["OTHER", "PERSISTENT-ID", "SECURITY", "PACKAGE-MANAGER"]
                },
                referenceLocator: { type: "string" },
                referenceType: { type: "string" }
              },
              required: ["referenceCategory", "referenceLocator", "referenceType"],
              additionalProperties: false
            }
          },
          filesAnalyzed: { type: "boolean" },
          hasFiles: { type: "array", items: { type: "string" } },
          homepage: { type: "string" },
          licenseComments: { type: "string" },
          licenseConcluded: { type: "string" },
          licenseDeclared: { type: "string" },
          licenseInfoFromFiles: { type: "array", items: { type: "string" } },
          name: { type: "string" },
          originator: { type: "string" },
          packageFileName: { type: "string" },
          packageVerificationCode: {
            type: "object",
            properties: {
              packageVerificationCodeExcludedFiles: { type: "array", items: { type: "string" } },
              packageVerificationCodeValue: { type: "string" }
            },
            required: ["packageVerificationCodeValue"],
            additionalProperties: false
          },
          primaryPackagePurpose: {
            type: "string",
            enum: [
              "OTHER",
              "INSTALL",
              "ARCHIVE",
              "FIRMWARE",
              "APPLICATION",
              "FRAMEWORK",
              "LIBRARY",
              "CONTAINER",
              "SOURCE",
              "DEVICE",
              "OPERATING_SYSTEM",
              "FILE"
            ]
          },
          releaseDate: { type: "string" },
          sourceInfo: { type: "string" },
          summary: { type: "string" },
          supplier: { type: "string" },
          validUntilDate: { type: "string" },
          versionInfo: { type: "string" }
        },
        required: ["SPDXID", "downloadLocation", "name"],
        additionalProperties: false
      }
    },
    files: {
      type: "array",
      items: {
        type: "object",
        properties: {
          SPDXID: { type: "string" },
          annotations: {
            type: "array",
            items: {
              type: "object",
              properties: {
                annotationDate: { type: "string" },
                annotationType: { type: "string", enum: ["OTHER", "REVIEW"] },
                annotator: { type: "string" },
                comment: { type: "string" }
              },
              required: ["annotationDate", "annotationType", "annotator", "comment"],
              additionalProperties: false
            }
          },
          artifactOfs: { type: "array", items: { type: "object" } },
          attributionTexts: { type: "array", items: { type: "string" } },
          checksums: {
            minItems: 1,
            type: "array",
            items: {
              type: "object",
              properties: {
                algorithm: {
                  type: "string",
                  enum: [
                    "SHA1",
                    "BLAKE3",
                    "SHA3-384",
                    "SHA256",
                    "SHA384",
                    "BLAKE2b-512",
                    "BLAKE2b-256",
                    "SHA3-512",
                    "MD2",
                    "ADLER32",
                    "MD4",
                    "SHA3-256",
                    "BLAKE2b-384",
                    "SHA512",
                    "MD6",
                    "MD5",
                    "SHA224"
                  ]
                },
                checksumValue: { type: "string" }
              },
              required: ["algorithm", "checksumValue"],
              additionalProperties: false
            }
          },
          comment: { type: "string" },
          copyrightText: { type: "string" },
          fileContributors: { type: "array", items: { type: "string" } },
          fileDependencies: { type: "array", items: { type: "string" } },
          fileName: { type: "string" },
          fileTypes: {
            type: "array",
            items: {
              type: "string",
              enum: [
                "OTHER",
                "DOCUMENTATION",
                "IMAGE",
                "VIDEO",
                "ARCHIVE",
                "SPDX",
                "APPLICATION",
                "SOURCE",
                "BINARY",
                "TEXT",
                "AUDIO"
              ]
            }
          },
          licenseComments: { type: "string" },
          licenseConcluded: { type: "string" },
          licenseInfoInFiles: { type: "array", items: { type: "string" } },
          noticeText: { type: "string" }
        },
        required: ["SPDXID", "checksums", "fileName"],
        additionalProperties: false
      }
    },
    snippets: {
      type: "array",
      items: {
        type: "object",
        properties: {
          SPDXID: { type: "string" },
          annotations: {
            type: "array",
            items: {
              type: "object",
              properties: {
                annotationDate: { type: "string" },
                annotationType: { type: "string", enum: ["OTHER", "REVIEW"] },
                annotator: { type: "string" },
                comment: { type: "string" }
              },
              required: ["annotationDate", "annotationType", "annotator", "comment"],
              additionalProperties: false
            }
          },
          attributionTexts: { type: "array", items: { type: "string" } },
          comment: { type: "string" },
          copyrightText: { type: "string" },
          licenseComments: { type: "string" },
          licenseConcluded: { type: "string" },
          licenseInfoInSnippets: { type: "array", items: { type: "string" } },
          name: { type: "string" },
          ranges: {
            minItems: 1,
            type: "array",
            items: {
              type: "object",
              properties: {
                endPointer: {
                  type: "object",
                  properties: {
                    reference: { type: "string" },
                    offset: { type: "integer" },
                    lineNumber: { type: "integer" }
                  },
                  required: ["reference"],
                  additionalProperties: false
                },
                startPointer: {
                  type: "object",
                  properties: {
                    reference: { type: "string" },
                    offset: { type: "integer" },
                    lineNumber: { type: "integer" }
                  },
                  required: ["reference"],
                  additionalProperties: false
                }
              },
              required: ["endPointer", "startPointer"],
              additionalProperties: false
            }
          },
          snippetFromFile: { type: "string" }
        },
        required: ["SPDXID", "name", "ranges", "snippetFromFile"],
        additionalProperties: false
      }
    },
    relationships: {
      type: "array",
      items: {
        type: "object",
        properties: {
          spdxElementId: { type: "string" },
          comment: { type: "string" },
          relatedSpdxElement: { type: "string" },
          relationshipType: {
            type: "string",
            enum: [
              "VARIANT_OF",
              "COPY_OF",
              "PATCH_FOR",
              "TEST_DEPENDENCY_OF",
              "CONTAINED_BY",
              "DATA_FILE_OF",
              "OPTIONAL_COMPONENT_OF",
              "ANCESTOR_OF",
              "GENERATES",
              "CONTAINS",
              "OPTIONAL_DEPENDENCY_OF",
              "FILE_ADDED",
              "REQUIREMENT_DESCRIPTION_FOR",
              "DEV_DEPENDENCY_OF",
              "DEPENDENCY_OF",
              "BUILD_DEPENDENCY_OF",
              "DESCRIBES",
              "PREREQUISITE_FOR",
              "HAS_PREREQUISITE",
              "PROVIDED_DEPENDENCY_OF",
              "DYNAMIC_LINK",
              "DESCRIBED_BY",
              "METAFILE_OF",
              "DEPENDENCY_MANIFEST_OF",
              "PATCH_APPLIED",
              "RUNTIME_DEPENDENCY_OF",
              "TEST_OF",
              "TEST_TOOL_OF",
              "DEPENDS_ON",
              "SPECIFICATION_FOR",
              "FILE_MODIFIED",
              "DISTRIBUTION_ARTIFACT",
              "AMENDS",
              "DOCUMENTATION_OF",
              "GENERATED_FROM",
              "STATIC_LINK",
              "OTHER",
              "BUILD_TOOL_OF",
              "TEST_CASE_OF",
              "PACKAGE_OF",
              "DESCENDANT_OF",
              "FILE_DELETED",
              "EXPANDED_FROM_ARCHIVE",
              "DEV_TOOL_OF",
              "EXAMPLE_OF"
            ]
          }
        },
        required: ["spdxElementId", "relatedSpdxElement", "relationshipType"],
        additionalProperties: false
      }
    }
  },
  required: ["SPDXID", "creationInfo", "dataLicense", "name", "spdxVersion"],
  additionalProperties: false
};

// src/sbom/load.ts
var SBOM_MEDIA_TYPES = {
  spdx: "application/spdx+json",
  /** IANA-registered for SPDX 3 JSON-LD (it is not compatible with SPDX 2 JSON). */
  spdx3: "application/spdx3+json",
  cyclonedx: "application/vnd.cyclonedx+json"
};
var SBOM_PREDICATE_TYPES = {
  spdx: "https://spdx.dev/Document",
  cyclonedx: "https://cyclonedx.org/bom"
};
var DEFAULT_SBOM_MAX_BYTES = 100 * 1024 * 1024;
var REMEDY_FORMATS = "Give an SPDX 2.2/2.3 JSON, SPDX 3 JSON-LD or CycloneDX 1.4-1.7 JSON document (for example from syft, trivy or cdxgen).";
async function loadSbom(input, opts = {}) {
  const max = opts.maxBytes ?? DEFAULT_SBOM_MAX_BYTES;
  const name = typeof input === "string" ? input : "the SBOM";
  let bytes;
  if (typeof input === "string") {
    let size;
    try {
      const st = await fs.stat(input);
      if (!st.isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
      size = st.size;
    } catch (e) {
      throw inputError(
        "SBOM_UNREADABLE",
        `cannot read the SBOM file ${input}: ${describe(e)}`,
        "Check the --sbom path and its permissions.",
        e
      );
    }
    if (size > max) throw tooLarge(name, size, max);
    try {
      bytes = await fs.readFile(input);
    } catch (e) {
      throw inputError(
        "SBOM_UNREADABLE",
        `cannot read the SBOM file ${input}: ${describe(e)}`,
        "Check the --sbom path and its permissions.",
        e
      );
    }
    if (bytes.length > max) throw tooLarge(name, bytes.length, max);
  } else {
    if (input.length > max) throw tooLarge(name, input.length, max);
    bytes = input;
  }
  return parseSbom(bytes, name, opts.maxErrors ?? 5);
}
function tooLarge(name, size, max) {
  return inputError(
    "SBOM_TOO_LARGE",
    `${name} is ${size} bytes, more than the ${max} byte limit`,
    "Check that this is the SBOM of one image; split or trim it (e.g. drop file-level entries) if it really is that large."
  );
}
function parseSbom(bytes, name, maxErrors) {
  let parsed;
  try {
    const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
    parsed = JSON.parse(text);
  } catch (e) {
    throw inputError(
      "SBOM_NOT_JSON",
      `${name} is not JSON: ${describe(e)}`,
      `${REMEDY_FORMATS} XML, tag-value and protobuf SBOMs are not supported; convert them to JSON.`,
      e
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw notAnSbom(name, "the top level is not a JSON object");
  }
  const doc = parsed;
  const detected = detect(doc, name);
  if (detected.format === "spdx-3") {
    checkSpdx3(doc, name);
  } else {
    const validate = validator(detected.schema);
    let subject = doc;
    if (detected.format === "cyclonedx-1.4" && doc.$schema !== void 0) {
      if (doc.$schema !== "http://cyclonedx.org/schema/bom-1.4.schema.json") {
        throw invalid(name, detected.format, [], maxErrors, [
          '/$schema: must be "http://cyclonedx.org/schema/bom-1.4.schema.json"'
        ]);
      }
      subject = { ...doc };
      delete subject.$schema;
    }
    if (!validate(subject)) {
      throw invalid(name, detected.format, validate.errors ?? [], maxErrors);
    }
  }
  const family = detected.format.startsWith("cyclonedx") ? "cyclonedx" : "spdx";
  return {
    format: detected.format,
    mediaType: detected.format === "spdx-3" ? SBOM_MEDIA_TYPES.spdx3 : family === "spdx" ? SBOM_MEDIA_TYPES.spdx : SBOM_MEDIA_TYPES.cyclonedx,
    predicateType: SBOM_PREDICATE_TYPES[family],
    document: doc,
    bytes
  };
}
function detect(doc, name) {
  if (doc.bomFormat === "CycloneDX" || doc.bomFormat === void 0 && typeof doc.specVersion === "string" && isCdxSchemaRef(doc.$schema)) {
    const v = doc.specVersion;
    if (typeof v !== "string") {
      throw invalidVersion(name, "CycloneDX", "specVersion is missing");
    }
    switch (v) {
      case "1.4":
        return { format: "cyclonedx-1.4", schema: "cyclonedx-1.5" };
      case "1.5":
        return { format: "cyclonedx-1.5", schema: "cyclonedx-1.5" };
      case "1.6":
        return { format: "cyclonedx-1.6", schema: "cyclonedx-1.6" };
      case "1.7":
        return { format: "cyclonedx-1.7", schema: "cyclonedx-1.7" };
      default:
        throw invalidVersion(name, "CycloneDX", `specVersion ${JSON.stringify(v)} is not supported`);
    }
  }
  if ("spdxVersion" in doc) {
    const v = doc.spdxVersion;
    if (v === "SPDX-2.2") return { format: "spdx-2.2", schema: "spdx-2.3" };
    if (v === "SPDX-2.3") return { format: "spdx-2.3", schema: "spdx-2.3" };
    throw invalidVersion(name, "SPDX", `spdxVersion ${JSON.stringify(v)} is not supported`);
  }
  if ("@context" in doc && contextMentionsSpdx(doc["@context"])) return { format: "spdx-3" };
  const scanner = vulnerabilityReport(doc);
  if (scanner) {
    throw inputError(
      "SBOM_UNKNOWN_FORMAT",
      `${name} is not an SBOM: this is a ${scanner.tool} vulnerability report (a list of findings, not of the image's packages)`,
      `This is a ${scanner.tool} report; generate an SBOM with \`${scanner.command}\` and pass that file to --sbom (Harbor scans the image itself).`
    );
  }
  const hint = typeof doc.name === "string" && ("dependencies" in doc || "version" in doc) ? " (it looks like a package manifest such as package.json, not an SBOM)" : "";
  throw notAnSbom(
    name,
    `it has neither "bomFormat": "CycloneDX", "spdxVersion" nor an SPDX 3 "@context"${hint}`
  );
}
function vulnerabilityReport(doc) {
  const trivy = { tool: "Trivy", command: "trivy image --format cyclonedx --output sbom.cdx.json IMAGE" };
  const grype = { tool: "Grype", command: "syft IMAGE -o cyclonedx-json=sbom.cdx.json" };
  if ("SchemaVersion" in doc && ("ArtifactName" in doc || "Results" in doc)) return trivy;
  const descriptor = doc.descriptor;
  if (Array.isArray(doc.matches) && (descriptor?.name === "grype" || "source" in doc)) return grype;
  const schema = typeof doc.$schema === "string" ? doc.$schema : "";
  if (Array.isArray(doc.runs) && typeof doc.version === "string" && schema.includes("sarif")) {
    const names = doc.runs.map((r) => {
      const n = r.tool?.driver?.name;
      return typeof n === "string" ? n.toLowerCase() : "";
    });
    if (names.includes("trivy")) return trivy;
    if (names.includes("grype")) return grype;
  }
  return void 0;
}
function isCdxSchemaRef(v) {
  return typeof v === "string" && v.includes("cyclonedx.org/schema/bom-");
}
function contextMentionsSpdx(ctx) {
  const items = Array.isArray(ctx) ? ctx : [ctx];
  return items.some((c) => typeof c === "string" && c.includes("spdx.org/rdf/"));
}
var SPDX3_CONTEXT_RE = /^https:\/\/spdx\.org\/rdf\/3\.\d+(?:\.\d+)?\/spdx-context\.jsonld$/;
function checkSpdx3(doc, name) {
  const problems = [];
  const ctx = doc["@context"];
  const contexts = (Array.isArray(ctx) ? ctx : [ctx]).filter((c) => typeof c === "string");
  if (!contexts.some((c) => SPDX3_CONTEXT_RE.test(c))) {
    const other = contexts.find((c) => c.includes("spdx.org/rdf/"));
    throw invalidVersion(
      name,
      "SPDX",
      `the @context ${JSON.stringify(other ?? ctx)} is not an SPDX 3 context`
    );
  }
  const graph = doc["@graph"];
  if (!Array.isArray(graph) || graph.length === 0) {
    throw invalid(name, "spdx-3", [], 5, ["/@graph: must be a non-empty array of elements"]);
  }
  let documents = 0;
  let creationInfos = 0;
  graph.forEach((el, i) => {
    const at = `/@graph/${i}`;
    if (typeof el !== "object" || el === null || Array.isArray(el)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    const e = el;
    const type = e.type ?? e["@type"];
    if (typeof type !== "string" || type === "") {
      problems.push(`${at}: must have a "type"`);
      return;
    }
    if (type === "CreationInfo") {
      creationInfos++;
      const sv = e.specVersion;
      if (typeof sv !== "string" || !/^3\.\d+(?:\.\d+)?$/.test(sv)) {
        problems.push(`${at}/specVersion: must be an SPDX 3 version such as "3.0.1"`);
      }
      if (typeof e["@id"] !== "string" && typeof e.spdxId !== "string")
        problems.push(`${at}: must have an "@id"`);
      return;
    }
    if (typeof e.spdxId !== "string" && typeof e["@id"] !== "string")
      problems.push(`${at}: must have an "spdxId"`);
    if (type === "SpdxDocument") documents++;
  });
  if (creationInfos === 0) problems.push("/@graph: must contain a CreationInfo element");
  if (documents !== 1)
    problems.push(`/@graph: must contain exactly one SpdxDocument element (found ${documents})`);
  if (problems.length > 0) throw invalid(name, "spdx-3", [], 5, problems);
}
function notAnSbom(name, why) {
  return inputError(
    "SBOM_UNKNOWN_FORMAT",
    `${name} is JSON but not an SBOM: ${cleanText(why, 500)}`,
    REMEDY_FORMATS
  );
}
function invalidVersion(name, family, why) {
  return inputError(
    "SBOM_UNSUPPORTED_VERSION",
    // `why` quotes the document's own values: cleaned, it may come from an image or a referrer.
    `${name} is a ${family} document, but ${cleanText(why, 500)}`,
    `${REMEDY_FORMATS} Regenerate it with a current tool version.`
  );
}
function invalid(name, format, errors, maxErrors, extra = []) {
  const lines = [
    ...extra,
    ...errors.map((e) => `${e.instancePath || "/"}: ${e.message ?? e.keyword}${paramsHint(e)}`)
  ];
  const shown = [...new Set(lines)].slice(0, maxErrors).map((l) => cleanText(l, 300));
  const more = new Set(lines).size - shown.length;
  return new GateError({
    code: "SBOM_INVALID",
    message: `${name} is not a valid ${format} document: ${shown.join("; ")}${more > 0 ? ` (and ${more} more)` : ""}`,
    remedy: "Fix the SBOM generator or its options so it writes a schema-valid document, then run again.",
    kind: "input",
    details: { format, errors: shown }
  });
}
function paramsHint(e) {
  const p = e.params;
  if (e.keyword === "additionalProperties" && typeof p.additionalProperty === "string") {
    return ` (${p.additionalProperty})`;
  }
  if (e.keyword === "enum" && Array.isArray(p.allowedValues)) {
    return ` (${p.allowedValues.slice(0, 5).map((v) => JSON.stringify(v)).join(", ")})`;
  }
  return "";
}
var ajv;
var validators = /* @__PURE__ */ new Map();
function validator(key) {
  const cached = validators.get(key);
  if (cached) return cached;
  if (!ajv) {
    ajv = new import_ajv.Ajv({ strict: false, allErrors: false, validateFormats: true });
    const addFormats = import_ajv_formats.default;
    addFormats(ajv);
    ajv.addFormat("iri-reference", /^\S*$/u);
    ajv.addFormat("idn-email", /^[^\s@]+@[^\s@]+$/u);
    ajv.addSchema(cyclonedx_spdx_schema_default);
    ajv.addSchema(cyclonedx_jsf_0_82_schema_default);
    ajv.addSchema(cyclonedx_cryptography_defs_schema_default);
  }
  const schema = {
    "spdx-2.3": spdx_2_3_schema_default,
    "cyclonedx-1.5": cyclonedx_bom_1_5_schema_default,
    "cyclonedx-1.6": cyclonedx_bom_1_6_schema_default,
    "cyclonedx-1.7": cyclonedx_bom_1_7_schema_default
  }[key];
  const fn = ajv.compile(schema);
  validators.set(key, fn);
  return fn;
}

// src/sbom/attach.ts
var ANNOTATION_SBOM_FORMAT = "dev.harbor-gate.sbom.format";
function sbomCreated(sbom) {
  const doc = sbom.document;
  let value;
  if (sbom.format.startsWith("cyclonedx")) {
    const meta = doc.metadata;
    value = typeof meta === "object" && meta !== null ? meta.timestamp : void 0;
  } else if (sbom.format === "spdx-3") {
    const graph = Array.isArray(doc["@graph"]) ? doc["@graph"] : [];
    const info = graph.find(
      (e) => typeof e === "object" && e !== null && e.type === "CreationInfo"
    );
    value = info?.created;
  } else {
    const ci = doc.creationInfo;
    value = typeof ci === "object" && ci !== null ? ci.created : void 0;
  }
  if (typeof value !== "string") return void 0;
  const t = Date.parse(value);
  return Number.isNaN(t) ? void 0 : new Date(t);
}
async function attachSbom(repo, subject, sbom) {
  const res = await pushArtifact(repo, {
    subject,
    artifactType: sbom.mediaType,
    layers: [{ mediaType: sbom.mediaType, data: sbom.bytes }],
    annotations: { [ANNOTATION_SBOM_FORMAT]: sbom.format },
    created: sbomCreated(sbom) ?? null
  });
  const manifest = JSON.parse(res.manifest.toString("utf8"));
  return {
    digest: res.descriptor.digest,
    artifactType: sbom.mediaType,
    referrersApi: res.referrersApi,
    sbomDigest: manifest.layers[0].digest,
    descriptor: res.descriptor
  };
}

export {
  SBOM_MEDIA_TYPES,
  SBOM_PREDICATE_TYPES,
  DEFAULT_SBOM_MAX_BYTES,
  loadSbom,
  ANNOTATION_SBOM_FORMAT,
  sbomCreated,
  attachSbom
};
