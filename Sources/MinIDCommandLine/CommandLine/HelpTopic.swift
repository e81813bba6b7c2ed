/// A help page that is not a command: `minid help exit-codes`, `minid help environment`.
struct HelpTopic {
  let name: String
  let title: String
  let manSection: String
  let text: String

  static let all: [HelpTopic] = [exitCodes, environment, secrets]

  static var exitCodes: HelpTopic {
    let rows = ExitCode.allCases.map { status in
      let code = String(status.rawValue)
      return "  " + code + String(repeating: " ", count: 6 - code.count) + status.meaning
    }
    return HelpTopic(
      name: "exit-codes", title: "Exit codes", manSection: "EXIT STATUS",
      text: "minid exits with one of these statuses (sysexits(3) from 64 up):\n\n"
        + rows.joined(separator: "\n")
        + "\n\nWith --json, an error goes to standard error as one JSON line instead of text:\n"
        + "  {\"error\":{\"code\":\"...\",\"message\":\"...\",\"exit_code\":65}}")
  }

  static let environment = HelpTopic(
    name: "environment", title: "Environment", manSection: "ENVIRONMENT",
    text: """
      MINID_DATABASE   The store file, when --database is not given.
      MINID_ACTOR      A label for audit entries, when --actor is not given; recorded as an
                       unverified note, never as the actor (the operating-system account).
      XDG_DATA_HOME    The store defaults to $XDG_DATA_HOME/minid/minid.sqlite (absolute paths only).
      HOME             Without XDG_DATA_HOME: $HOME/.local/share/minid/minid.sqlite.
      NO_COLOR         When set and not empty, never colour the output.
      TERM             TERM=dumb turns colour off.
      COLUMNS          The width help text wraps to (default 80).

      Secrets (passwords and codes) are never read from the environment.
      """)

  static let secrets = HelpTopic(
    name: "secrets", title: "Passing passwords and codes", manSection: "SECRETS",
    text: """
      Passwords and codes are never flag values or environment variables, so they stay out of
      shell history and `ps`. A command that needs one takes it:

        from a file:            --password-file PATH, --code-file PATH
        from standard input:    --password-file -      (at most one option per call may use '-')
        from the terminal:      leave the option out; minid prompts with echo off

      A file or pipe holds the secret on one line; one trailing newline (or CRLF) is removed,
      nothing else is changed, and at most 4096 bytes are read. Without a terminal and without
      the option, the command stops with exit status 64.

      A full identity number is not a secret, but `ps` shows it too. Every --pid option also
      takes '-' (one line of standard input), and --pid-file PATH reads it from a file's first
      line; standard input still feeds only one option per call.
      """)
}
