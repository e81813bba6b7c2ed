import MinIDKit

/// The command line's error table: the library's messages name the field and the rule and stay the same
/// for every front end (`minid serve` shows some of them on its pages); what a command-line user types
/// next — a command, a flag, an environment variable — is added here, and only here.
enum CommandLineErrorText {
  /// `error`'s message as the command line shows it.
  static func message(for error: any MinIDError) -> String {
    if case KeyError.active(let kid) = error {
      // The commands go in the middle of the sentence, so the whole sentence is the command line's.
      return
        "key '\(kid)' signs tokens now; activate another key ('minid keys activate' or 'keys rotate') and "
        + "wait for its activation time before retiring it"
    }
    return error.message + (hint(for: error) ?? "")
  }

  /// What follows the library's message on the command line, if anything.
  static func hint(for error: any MinIDError) -> String? {
    switch error {
    case TokenError.noSigningKey: return "; run 'minid keys rotate'"
    case let error as KeyError: return hint(for: error)
    case let error as StoreError: return hint(for: error)
    case StoreLocationError.noHome: return "; pass --database PATH or set MINID_DATABASE"
    case StorePathError.symbolicLink: return "; point --database or MINID_DATABASE at the store file itself"
    case LoginError.noRecovery: return "; run 'minid account recover --pid …' first"
    case InstalledFileError.notMinidsFile: return ", or choose another --prefix"
    case ServiceError.notFound: return "; see 'minid service list'"
    case RegistrationError.realNumberInTestStore:
      return "; generate one with 'minid id generate --kind tenor'"
    case EnvironmentError.testStoreOnly: return " (minid init --environment test)"
    case LetterError.letterOutstanding: return "; a new one needs --force"
    default: return nil
    }
  }

  /// What follows an identity-number problem's message in `id validate`'s output, if anything.
  static func hint(for problem: IdentityNumberProblem) -> String? {
    problem == .checkDigit1Rule2032 ? ", and --strict-1964 accepts only the 1964 rule" : nil
  }

  private static func hint(for error: KeyError) -> String? {
    switch error {
    case .notFound: "; see 'minid keys list'"
    default: nil
    }
  }

  private static func hint(for error: StoreError) -> String? {
    switch error {
    case .missing:
      "; create one with 'minid init --environment test' (or production), or point --database / "
        + "MINID_DATABASE at an existing store"
    case .isDirectory(let path):
      "; --database / MINID_DATABASE names the store file, such as \(path)/minid.sqlite"
    case .emptyFile:
      ". Remove it and run 'minid init' to make a store there, or point --database / MINID_DATABASE at the store"
    case .notSQLite, .foreignDatabase: ". Point --database / MINID_DATABASE at the store file"
    default: nil
    }
  }
}
