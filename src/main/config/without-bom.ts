/** Notepad and other Windows editors start a UTF-8 file with a BOM, which JSON.parse refuses: it is not content. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
