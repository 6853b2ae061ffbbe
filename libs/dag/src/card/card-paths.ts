/** JSON pointer segment escaping (RFC 6901). */
export const pointerSegment = (s: string | number): string => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

export const childPointer = (base: string, ...segments: Array<string | number>): string =>
  base + segments.map((s) => `/${pointerSegment(s)}`).join('');

/** The readable node path the validator uses: `Card > sections[0] Section > widgets[1] Image`. */
export const childLabel = (base: string, field: string | undefined, index: number | undefined, component: string): string => {
  const slot = field === undefined ? '' : index === undefined ? `${field} ` : `${field}[${index}] `;
  return base === '' ? `${slot}${component}` : `${base} > ${slot}${component}`;
};
