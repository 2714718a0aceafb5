/** Same keys as the source dictionary, any wording: translations must be complete but not identical. */
export type Dictionary<T> = {
  [K in keyof T]: T[K] extends string ? string : Dictionary<T[K]>;
};
