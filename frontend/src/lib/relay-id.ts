/** Relay global ids are base64 of `Type:pk`; some filters (DjangoModelFilterInput) take the raw pk. */
export function pkFromGlobalId(id: string): string {
  try {
    const decoded = atob(id);
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : id;
  } catch {
    return id;
  }
}
