/** The normalised VEX vocabulary: what OpenVEX and CycloneDX VEX documents are turned into. */

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

export const VEX_STATUSES: readonly VexStatus[] = [
  'not_affected',
  'affected',
  'fixed',
  'under_investigation',
];

/** Statuses that waive a finding. */
export const WAIVING_STATUSES: ReadonlySet<VexStatus> = new Set<VexStatus>(['not_affected', 'fixed']);

/** OpenVEX 0.2.0 justification labels. */
export const OPENVEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

export type VexFormat = 'openvex' | 'cyclonedx';

/** A product or subcomponent: every identifier it was given (@id, purl, bom-ref, name). */
export interface VexComponent {
  ids: string[];
}

export interface VexProduct extends VexComponent {
  /** Empty: the statement is about the whole product. */
  subcomponents: VexComponent[];
}

export interface VexStatement {
  /** The vulnerability's name and every alias (as written). */
  vulnerability: { name: string; aliases: string[] };
  /**
   * The products it applies to. Empty: none given; in an attestation the subject (the image)
   * takes their place, in a file the statement applies to nothing.
   */
  products: VexProduct[];
  status: VexStatus;
  /** OpenVEX justification label (CycloneDX justifications are mapped, see docs/vex.md). */
  justification?: string;
  /** The justification exactly as the document wrote it, when it was mapped (CycloneDX). */
  sourceJustification?: string;
  /** The CycloneDX analysis.state when it differs from the status (e.g. false_positive, resolved). */
  sourceState?: string;
  impactStatement?: string;
  actionStatement?: string;
  statusNotes?: string;
  /** When the statement was made (epoch ms): statement, else document timestamp. */
  timestamp: number;
  /** Where it came from, for reports. */
  source: VexSource;
  /** 0-based position in its document (statements[i] / vulnerabilities[i]). */
  index: number;
  /** 1-based line of the statement in the document's text. */
  line?: number;
}

export interface VexSource {
  /** File name, or `attestation <referrer digest>` for a VEX attestation. */
  document: string;
  format: VexFormat;
  /** The document's @id / serialNumber. */
  id?: string;
  author?: string;
  /** Set for VEX read from a verified attestation: who signed it. */
  signer?: string;
}

export interface VexDocument {
  name: string;
  format: VexFormat;
  id?: string;
  author?: string;
  /** Document timestamp, epoch ms. */
  timestamp?: number;
  statements: VexStatement[];
  /** Things accepted but worth saying (unknown keys, statements that can never match). */
  warnings: string[];
}

/** The image the gate decides about, as VEX products name it. */
export interface VexImage {
  /** The manifest (or index) digest, sha256:… */
  digest: string;
  /** host/repository, e.g. harbor.example.com/proj/app */
  repository?: string;
  /** The reference as the user gave it (tag or digest form). */
  reference?: string;
}

/** What a statement did to one finding. */
export interface VexMatch {
  statement: VexStatement;
  waives: boolean;
}
