/// Everything minid says to a person: the words of every SMS, e-mail and letter, in one place.
///
/// The texts are in bokmål, as MinID's own messages are; the activation letter repeats itself in English.
/// A text that carries a code writes it after its `MessageCode` lead-in, so scripts read the code back as
/// a field and never depend on the wording. Another language is another set of these functions chosen
/// by the person's locale, added here and nowhere else.
public enum Notices {
  /// A message's subject line and body.
  public struct Text: Sendable, Equatable {
    /// The subject line (an SMS keeps it only in the outbox).
    public let subject: String
    /// The text, ending in a newline.
    public let body: String
  }

  /// The login SMS: the one-time code, its 5 minutes and the service it logs in to.
  static func loginCode(_ code: String, service: String) -> Text {
    Text(
      subject: "MinID engangskode",
      body:
        "\(MessageCode.loginSMS)\(code). Gjelder i 5 minutter for innlogging til \(service). Del den ikke med andre.\n"
    )
  }

  /// The forgotten-password SMS: the 5-digit code, valid 10 minutes.
  static func recoverySMS(_ code: String) -> Text {
    Text(
      subject: "MinID glemt passord", body: "\(MessageCode.recoverySMS)\(code). Den gjelder i 10 minutter.\n")
  }

  /// The forgotten-password e-mail: the 6-character code, valid 10 minutes.
  static func recoveryEmail(_ code: String) -> Text {
    Text(
      subject: "MinID: kode for nytt passord",
      body: "Hei,\n\n\(MessageCode.recoveryEmail)\(code). Den gjelder i 10 minutter.\n"
        + "Har du ikke bedt om nytt passord, kontakt brukerstøtte.\n")
  }

  /// After a password change, to the phone on record.
  static func passwordChangedSMS(at time: Timestamp) -> Text {
    Text(subject: "MinID passord endret", body: passwordChanged(at: time))
  }

  /// After a password change, to the e-mail address on record.
  static func passwordChangedEmail(at time: Timestamp) -> Text {
    Text(subject: "MinID: passordet ditt er endret", body: "Hei,\n\n" + passwordChanged(at: time))
  }

  private static func passwordChanged(at time: Timestamp) -> String {
    "MinID-passordet ditt ble endret \(time.rfc3339). Var det ikke deg, kontakt brukerstøtte straks.\n"
  }

  /// A new mobile number, to the old number and the new one.
  static func phoneChanged(on date: CalendarDate) -> Text {
    changeNotice(
      subject: "MinID: nytt mobilnummer", "MinID: mobilnummeret på MinID-en din ble endret \(date).")
  }

  /// A new e-mail address, to the old address and the new one.
  static func emailChanged(on date: CalendarDate) -> Text {
    asEmail(
      changeNotice(subject: "MinID: ny e-postadresse", "e-postadressen på MinID-en din ble endret \(date)."))
  }

  /// A new postal address, to the e-mail address on record.
  static func addressChanged(on date: CalendarDate) -> Text {
    asEmail(changeNotice(subject: "MinID: ny postadresse", "postadressen for MinID-brev ble endret \(date)."))
  }

  /// A new phone enrolled in the MinID app, replacing the old one (decisions §9: told on both channels, so
  /// an enrolment by someone else is noticed).
  static func appReplaced(on date: CalendarDate) -> Text {
    changeNotice(
      subject: "MinID: ny MinID-app",
      "MinID: en ny telefon ble koblet til MinID-appen din \(date), og den gamle virker ikke lenger.")
  }

  /// Support removed the MinID app (a lost phone); logins go back to the SMS code.
  static func appRemoved(on date: CalendarDate) -> Text {
    changeNotice(
      subject: "MinID: MinID-appen er fjernet",
      "MinID: MinID-appen ble koblet fra MinID-en din \(date). Du logger inn med kode på SMS til du kobler til appen igjen."
    )
  }

  /// A new code generator enrolled, replacing the old one.
  static func codeGeneratorReplaced(on date: CalendarDate) -> Text {
    changeNotice(
      subject: "MinID: ny kodegenerator",
      "MinID: en ny kodegenerator ble koblet til MinID-en din \(date), og den gamle virker ikke lenger.")
  }

  /// A notice that something on the account changed: `what` (when, and what it means), then the line
  /// every such notice ends with, so whoever did not make the change calls support.
  private static func changeNotice(subject: String, _ what: String) -> Text {
    Text(subject: subject, body: what + " Kontakt brukerstøtte om det ikke var deg.\n")
  }

  /// An SMS notice's words as an e-mail: the same subject, the body after the greeting e-mails open with.
  static func asEmail(_ text: Text) -> Text { Text(subject: text.subject, body: "Hei,\n\n" + text.body) }

  /// The activation letter's subject, in both languages.
  static let activationLetterSubject = "MinID activation letter / aktiveringsbrev"

  /// The activation letter: the address, the date, the code in groups of four (`formattedCode`), the same
  /// code as a QR code drawn in text (`qrCode`, empty when none could be made), and when it expires.
  static func activationLetter(
    address: String, formattedCode: String, qrCode: String, sentAt: Timestamp, expiresAt: Timestamp
  ) -> String {
    """
    \(address)

    \(sentAt.date)

    MinID – aktiveringsbrev / activation letter

    Bruk koden under for å aktivere MinID. Koden kan brukes én gang og gjelder til \(expiresAt.date).
    Use the code below to activate your MinID. It can be used once and is valid until \(expiresAt.date).

        \(MessageCode.activationLetter)\(formattedCode)

    Du kan også skanne koden med MinID-appen. / You can also scan it with the MinID app.

    \(qrCode)

    Del aldri denne koden med andre. Har du ikke bestilt MinID, kontakt brukerstøtte.
    Never share this code. If you did not order MinID, contact support.

    """
  }
}

extension OutboxDraft {
  /// A message of `kind` to `recipient` with a text from `Notices`.
  init(accountID: Int64?, kind: OutboxMessage.Kind, recipient: String, _ text: Notices.Text) {
    self.init(accountID: accountID, kind: kind, recipient: recipient, subject: text.subject, body: text.body)
  }
}
