extension PageText {
  /// Bokmål, the default.
  public static let bokmal = PageText(
    languageName: "Norsk bokmål", languageSwitch: "Språk", cancel: "Avbryt", back: "Tilbake", next: "Neste",
    continueButton: "Fortsett", loginTo: "Innlogging til {1}", skipToContent: "Gå til hovedinnhold",
    chooseTitle: "Velg elektronisk ID", minidOption: "MinID",
    minidOptionDetail: "Passord og engangskode på SMS (sikkerhetsnivå betydelig)",
    testidOption: "TestID", testidOptionDetail: "Syntetisk testperson, bare i testmiljø",
    levelHighTitle: "Tjenesten krever høyere sikkerhetsnivå",
    levelHighText:
      "Denne tjenesten krever innlogging på sikkerhetsnivå 4 (høyt) med BankID, Buypass ID eller Commfides. "
      + "Denne innloggingstjenesten tilbyr ikke disse. MinID gir sikkerhetsnivå 3 og kan ikke brukes her.",
    passwordTitle: "Logg inn med MinID", pidLabel: "Fødselsnummer eller d-nummer (11 siffer)",
    passwordLabel: "Passord", forgotPassword: "Glemt passord?", activateMinID: "Aktiver MinID",
    codeTitle: "Engangskode fra SMS",
    codeSent: "Vi har sendt en engangskode på SMS til {1}. Koden gjelder i {2} minutter.",
    codeSentNoPhone: "Vi har sendt en engangskode på SMS. Koden gjelder i {1} minutter.",
    codeLabel: "Engangskode (5 siffer)", logIn: "Logg inn", sendNewCode: "Send ny kode",
    newCodeSent: "Vi har sendt en ny kode. Den forrige koden gjelder ikke lenger.",
    testCodeHint: "Testmiljø: syntetiske testpersoner kan også bruke koden {1}.",
    recoverTitle: "Glemt passord",
    recoverIntro: "Skriv inn fødselsnummeret ditt. Vi sender en kode på SMS og en kode på e-post.",
    sendCodes: "Send koder",
    recoverCodesIntro:
      "Hvis du har MinID, har vi sendt en kode på SMS (5 siffer) og en kode på e-post (6 tegn). "
      + "Kodene gjelder i {1} minutter.",
    smsCodeLabel: "Kode fra SMS (5 siffer)", emailCodeLabel: "Kode fra e-post (6 tegn)",
    newPasswordLabel: "Nytt passord", passwordRulesTitle: "Passordet må oppfylle disse kravene:",
    savePassword: "Lagre nytt passord",
    passwordChanged: "Passordet er endret. Logg inn med det nye passordet.",
    activateTitle: "Aktiver MinID",
    activateIntro: "Skriv inn fødselsnummeret ditt og aktiveringskoden fra brevet, og velg et passord.",
    letterCodeLabel: "Aktiveringskode fra brevet",
    activated: "MinID er aktivert. Logg inn med passordet du valgte.",
    testidTitle: "Logg inn med TestID",
    testidIntro: "Bare i testmiljø: logg inn som en syntetisk testperson, uten passord.",
    testidPidLabel: "Syntetisk fødselsnummer (11 siffer)", testidCreate: "Lag en ny testperson",
    levelLabel: "Sikkerhetsnivå", levelSubstantial: "Betydelig (nivå 3)", levelHigh: "Høyt (nivå 4)",
    errorTitle: "Innloggingen kan ikke fortsette",
    formExpired:
      "Skjemaet er utløpt, eller det kom ikke fra denne nettleseren. Gå tilbake til tjenesten og logg inn på nytt.",
    loginExpired:
      "Innloggingen er utløpt eller ble startet i en annen nettleser. Gå tilbake til tjenesten og logg inn på nytt.",
    wrongCredentials: "Feil fødselsnummer eller passord.",
    wrongCodeAttemptsLeft: "Feil engangskode. Du har {1} forsøk igjen før MinID blir midlertidig sperret.",
    wrongCodeNowLocked:
      "Feil engangskode. MinID er nå midlertidig sperret på grunn av for mange feil forsøk.",
    temporarilyLocked:
      "MinID er midlertidig sperret etter for mange feil forsøk. Du kan prøve igjen etter klokken {1}.",
    blocked: "MinID er sperret. Kontakt brukerstøtte for MinID for å få hjelp.",
    notActivated: "MinID er ikke aktivert ennå. Velg «Aktiver MinID» og bruk koden fra brevet.",
    notUsable: "MinID kan ikke brukes nå. Kontakt brukerstøtte for MinID.",
    codeExpired: "Engangskoden er utløpt. Velg «Send ny kode».",
    codeUsed: "Koden er allerede brukt. Start innloggingen på nytt.",
    wrongRecoveryCodes:
      "Kodene ble ikke godtatt. De kan være feil, brukt eller utløpt. Be om nye koder og prøv igjen.",
    tooManyCodes: "Du har bedt om for mange koder. Du kan be om en ny kode etter klokken {1}.",
    invalidIdentityNumber: "Skriv et gyldig fødselsnummer eller d-nummer med 11 siffer.",
    passwordRefused: "Passordet oppfyller ikke kravene:",
    wrongLetterCode: "Fødselsnummeret eller aktiveringskoden er feil.",
    letterExpired: "Aktiveringsbrevet er utløpt. Kontakt brukerstøtte for MinID for å få et nytt brev.",
    letterUsed: "Aktiveringskoden er allerede brukt. Logg inn med passordet ditt.",
    letterReplaced: "Du har fått et nyere aktiveringsbrev. Bruk koden i det nyeste brevet.",
    serviceUnavailable: "Tjenesten kan ikke ta imot innlogging med MinID.",
    somethingWentWrong: "Noe gikk galt. Prøv igjen senere, eller kontakt brukerstøtte for MinID.",
    testidOnlySynthetic: "TestID tar bare syntetiske fødselsnumre (måned + 80, som fra Tenor).",
    passwordRules: [
      .tooShort: "minst 8 tegn", .tooLong: "høyst 256 tegn",
      .characters: "bare A–Z, a–z, 0–9, mellomrom og vanlige spesialtegn (ikke æ, ø, å)",
      .needsLetter: "minst én bokstav",
      .needsDigit: "minst ett tall", .common: "ikke et av de vanligste passordene",
      .commonWord: "ikke bare et vanlig ord med tall", .season: "ikke en årstid med årstall, som Sommer2024",
      .month: "ikke en måned med årstall, som Januar2026", .weekday: "ikke en ukedag med tall, som Mandag123",
      .place: "ikke et land eller en by med tall, som Norge2026",
      .personalData: "ikke fødselsnummer, fødselsdato, telefonnummer eller e-postnavn",
    ])
}
