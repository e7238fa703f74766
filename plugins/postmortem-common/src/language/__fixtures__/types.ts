/** One labelled sentence of an evaluation corpus. */
export interface LabelledSentence {
  sentence: string;
  blameful: boolean;
}
