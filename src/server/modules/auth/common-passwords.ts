/**
 * Passwords that meet the length rule but are among the most used (ASVS 5.0 V6.2.4: check against at least
 * the top 3000 passwords that match the length policy). Only entries of 12 characters or more matter,
 * since shorter ones are refused by length. Sources: the public SecLists "10-million-password-list-top"
 * lists filtered to ≥ 12 characters, plus Vietnamese favourites (matkhau, anhyeuem, vietnam...), plus the
 * patterns below that generate the long tail (repeats, sequences, keyboard walks, word + digits).
 */
const LIST = `
123456789012 1234567890123 12345678901234 123456789012345 1234567890qwerty 123456123456 123123123123 111111111111
000000000000 121212121212 112233445566 123321123321 147258369147 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc 1qazxsw23edc
qazwsxedcrfv qwertyuiop12 qwertyuiop123 qwerty123456 qwertyuiopasdf qwertyuiopasdfgh qwertyuiopasdfghjkl asdfghjkl123
asdfghjkl;'  zxcvbnm12345 zxcvbnm123456 qweasdzxc123 qweasdzxc1234 password1234 password12345 password123456 passw0rd1234
p@ssw0rd1234 p@ssword1234 password@123 password!123 passwordpassword password1234! 1234password 12345password
iloveyou1234 iloveyou123456 iloveyou12345 iloveyouiloveyou abcdefghijkl abcdefghijklm abc123456789 abcd12345678
abcd@1234567 abc@12345678 123456789abc 123456789abcd 12345678abcd 1234567890abc aaaaaaaaaaaa administrator administrator1
admin1234567 admin@123456 admin123456789 welcome12345 welcome123456 welcome@1234 letmein12345 letmeinletmein football1234
baseball1234 superman1234 princess1234 sunshine1234 starwars1234 pokemon12345 monkey123456 dragon123456 master123456
changeme1234 changeme12345 trustno1trustno1 qwertyqwerty qwerty1234567 michael12345 jennifer1234 computer1234 internet1234
whatever1234 zaq12wsxcde3 zaq1zaq1zaq1 1234qwerasdf 1234qwerasdfzxcv qwer1234asdf q1w2e3r4t5y6 a1b2c3d4e5f6
matkhau12345 matkhau123456 matkhau@1234 matkhau@12345 matkhaucuatoi matkhaumoi123 anhyeuem1234 anhyeuem12345 anhyeuem123456
emyeuanh1234 emyeuanh123456 anhyeuemnhieu yeuemnhieulam vietnam12345 vietnam123456 vietnamvodich vietnam@1234 toilanguoivietnam
hanoi1234567 saigon123456 hochiminh123 hochiminh1234 conyeume1234 iloveyouvn123 khongbiet123 khongcomatkhau
doimatkhau123 motcua123456 motcua@12345 motcuamotdau phuongdongthanh ubndphuong123 ubnd12345678 congchuc1234 canbo1234567
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter((p) => p.length >= 12));

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];

/** True for a password made of one repeated chunk ("abcabcabcabc"), a run of a keyboard row or the alphabet. */
function isPattern(p: string): boolean {
  for (let size = 1; size <= p.length / 2; size++) {
    if (p.length % size === 0 && p.slice(0, size).repeat(p.length / size) === p) return true;
  }
  const stripped = p.replace(/[\d!@#$%^&*.]+$/, '');
  for (const row of KEYBOARD_ROWS) {
    const doubled = row + row;
    if (stripped.length >= 8 && (doubled.includes(stripped) || [...doubled].reverse().join('').includes(stripped))) return true;
  }
  return false;
}

/**
 * Is this password common, a trivial pattern, or built on a word from the context (username, product,
 * unit name: ASVS 5.0 V6.2.11)? Compared in lower case, without Vietnamese diacritics.
 */
export function isCommonPassword(password: string, contextWords: readonly string[] = []): boolean {
  const p = password
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
  if (COMMON_PASSWORDS.has(p) || isPattern(p)) return true;
  // A common stem followed by digits or symbols ("password2026!", "matkhau@2027").
  const stem = p.replace(/[\d\W_]+$/, '');
  const stems = ['password', 'passw0rd', 'p@ssw0rd', 'matkhau', 'qwerty', 'iloveyou', 'anhyeuem', 'admin', 'welcome', 'letmein', 'motcua'];
  if (stems.includes(stem)) return true;
  for (const w of contextWords) {
    const word = w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/[^a-z0-9]/g, '');
    if (word.length >= 4 && p.replace(/[^a-z0-9]/g, '').includes(word) && p.replace(/[^a-z0-9]/g, '').length - word.length < 6) return true;
  }
  return false;
}
