/**
 * Make text from a config file safe to print on a terminal: control characters (which could move
 * the cursor, clear the screen or inject colour) become visible symbols of the same width, and
 * bidirectional overrides ("Trojan Source") become U+FFFD. Tabs are kept; callers expand them.
 */
export function sanitizeForTerminal(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return "\ufffd";
  });
}
