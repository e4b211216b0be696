// Password policy (等保 2.0): ≥ 8 characters, 3 of the 4 classes, not containing the username. Pure.
export function passwordProblems(username: string, password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('password.tooShort');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('password.classes');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) problems.push('password.containsUsername');
  return problems;
}
