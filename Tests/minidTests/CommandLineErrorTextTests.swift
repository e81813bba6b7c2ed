import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

/// The library's messages name no command, flag or environment variable; the command line adds them, so
/// its users read the same sentences as before the wording moved.
@Suite struct CommandLineErrorTextTests {
  static let at = Timestamp(seconds: 1_795_000_000)

  static let cases: [(any MinIDError, String)] = [
    (TokenError.noSigningKey, "the store has no active signing key; run 'minid keys rotate'"),
    (KeyError.notFound("k1"), "no signing key has kid 'k1'; see 'minid keys list'"),
    (
      KeyError.active("k1"),
      "key 'k1' signs tokens now; activate another key ('minid keys activate' or 'keys rotate') and wait "
        + "for its activation time before retiring it"
    ),
    (
      StoreError.missing(path: "/s"),
      "no store at /s; create one with 'minid init --environment test' (or production), "
        + "or point --database / MINID_DATABASE at an existing store"
    ),
    (
      StoreError.isDirectory(path: "/s"),
      "/s is a directory; --database / MINID_DATABASE names the store file, such as /s/minid.sqlite"
    ),
    (
      StoreError.emptyFile(path: "/s"),
      "/s is an empty file, not a minid store; minid leaves it alone. Remove it and run 'minid init' "
        + "to make a store there, or point --database / MINID_DATABASE at the store"
    ),
    (
      StoreError.notSQLite(path: "/s"),
      "/s is not a minid store: it is not a SQLite database at all; minid leaves it alone. "
        + "Point --database / MINID_DATABASE at the store file"
    ),
    (
      StoreError.foreignDatabase(path: "/s"),
      "/s is a SQLite database of another program, not a minid store; minid leaves it alone. "
        + "Point --database / MINID_DATABASE at the store file"
    ),
    (
      StoreLocationError.noHome,
      "cannot choose where the store lives: neither XDG_DATA_HOME nor HOME is an absolute path; "
        + "pass --database PATH or set MINID_DATABASE"
    ),
    (
      StorePathError.symbolicLink(path: "/s"),
      "refusing to use the store: /s is a symbolic link; point --database or MINID_DATABASE at the store file itself"
    ),
    (
      LoginError.noRecovery,
      "no password recovery has been started for this account; run 'minid account recover --pid …' first"
    ),
    (ServiceError.notFound("app"), "no service has client id 'app'; see 'minid service list'"),
    (
      EnvironmentError.testStoreOnly("testuser create"),
      "testuser create works only in a test store (minid init --environment test)"
    ),
    (
      LetterError.letterOutstanding(until: at),
      "an activation letter is still valid until \(at.rfc3339); a new one needs --force"
    ),
  ]

  @Test func theCommandLineShowsTheSameSentencesAsBefore() {
    for (error, text) in Self.cases {
      #expect(ErrorReport(error).message == text)
    }
  }

  @Test func theLibraryMessagesNameNoCommandOrFlag() {
    for (error, _) in Self.cases {
      #expect(!error.message.contains("'minid ") && !error.message.contains("--"), "\(error.code)")
    }
    let strict = CommandLineErrorText.hint(for: .checkDigit1Rule2032)
    #expect(strict == ", and --strict-1964 accepts only the 1964 rule")
  }
}
