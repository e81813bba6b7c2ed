extension PageText {
  /// Nynorsk. Machine-made from the bokmål table; needs a native speaker's review (docs/serve.md).
  public static let nynorsk = PageText(
    languageName: "Norsk nynorsk", languageSwitch: "Språk", cancel: "Avbryt", back: "Tilbake", next: "Neste",
    continueButton: "Hald fram", loginTo: "Innlogging til {1}", skipToContent: "Gå til hovudinnhald",
    chooseTitle: "Vel elektronisk ID", minidOption: "MinID",
    minidOptionDetail: "Passord og eingongskode på SMS (tryggleiksnivå betydeleg)",
    testidOption: "TestID", testidOptionDetail: "Syntetisk testperson, berre i testmiljø",
    levelHighTitle: "Tenesta krev høgare tryggleiksnivå",
    levelHighText:
      "Denne tenesta krev innlogging på tryggleiksnivå 4 (høgt) med BankID, Buypass ID eller Commfides. "
      + "Denne innloggingstenesta tilbyr ikkje desse. MinID gir tryggleiksnivå 3 og kan ikkje brukast her.",
    passwordTitle: "Logg inn med MinID", pidLabel: "Fødselsnummer eller d-nummer (11 siffer)",
    passwordLabel: "Passord", forgotPassword: "Gløymt passord?", activateMinID: "Aktiver MinID",
    codeTitle: "Eingongskode frå SMS",
    codeSent: "Vi har sendt ein eingongskode på SMS til {1}. Koden gjeld i {2} minutt.",
    codeSentNoPhone: "Vi har sendt ein eingongskode på SMS. Koden gjeld i {1} minutt.",
    codeLabel: "Eingongskode (5 siffer)", logIn: "Logg inn", sendNewCode: "Send ny kode",
    newCodeSent: "Vi har sendt ein ny kode. Den førre koden gjeld ikkje lenger.",
    testCodeHint: "Testmiljø: syntetiske testpersonar kan òg bruke koden {1}.",
    recoverTitle: "Gløymt passord",
    recoverIntro: "Skriv inn fødselsnummeret ditt. Vi sender ein kode på SMS og ein kode på e-post.",
    sendCodes: "Send kodar",
    recoverCodesIntro:
      "Viss du har MinID, har vi sendt ein kode på SMS (5 siffer) og ein kode på e-post (6 teikn). "
      + "Kodane gjeld i {1} minutt.",
    smsCodeLabel: "Kode frå SMS (5 siffer)", emailCodeLabel: "Kode frå e-post (6 teikn)",
    newPasswordLabel: "Nytt passord", passwordRulesTitle: "Passordet må oppfylle desse krava:",
    savePassword: "Lagre nytt passord",
    passwordChanged: "Passordet er endra. Logg inn med det nye passordet.",
    activateTitle: "Aktiver MinID",
    activateIntro: "Skriv inn fødselsnummeret ditt og aktiveringskoden frå brevet, og vel eit passord.",
    letterCodeLabel: "Aktiveringskode frå brevet",
    activated: "MinID er aktivert. Logg inn med passordet du valde.",
    testidTitle: "Logg inn med TestID",
    testidIntro: "Berre i testmiljø: logg inn som ein syntetisk testperson, utan passord.",
    testidPidLabel: "Syntetisk fødselsnummer (11 siffer)", testidCreate: "Lag ein ny testperson",
    levelLabel: "Tryggleiksnivå", levelSubstantial: "Betydeleg (nivå 3)", levelHigh: "Høgt (nivå 4)",
    errorTitle: "Innlogginga kan ikkje halde fram",
    formExpired:
      "Skjemaet har gått ut, eller det kom ikkje frå denne nettlesaren. Gå tilbake til tenesta og logg inn på nytt.",
    loginExpired:
      "Innlogginga har gått ut eller vart starta i ein annan nettlesar. Gå tilbake til tenesta og logg inn på nytt.",
    wrongCredentials: "Feil fødselsnummer eller passord.",
    wrongCodeAttemptsLeft: "Feil eingongskode. Du har {1} forsøk att før MinID blir mellombels sperra.",
    wrongCodeNowLocked:
      "Feil eingongskode. MinID er no mellombels sperra fordi det var for mange feil forsøk.",
    temporarilyLocked:
      "MinID er mellombels sperra etter for mange feil forsøk. Du kan prøve igjen etter klokka {1}.",
    blocked: "MinID er sperra. Kontakt brukarstøtte for MinID for å få hjelp.",
    notActivated: "MinID er ikkje aktivert enno. Vel «Aktiver MinID» og bruk koden frå brevet.",
    notUsable: "MinID kan ikkje brukast no. Kontakt brukarstøtte for MinID.",
    codeExpired: "Eingongskoden har gått ut. Vel «Send ny kode».",
    codeUsed: "Koden er allereie brukt. Start innlogginga på nytt.",
    wrongRecoveryCodes:
      "Kodane vart ikkje godtekne. Dei kan vere feil, brukte eller utgåtte. Be om nye kodar og prøv igjen.",
    tooManyCodes: "Du har bede om for mange kodar. Du kan be om ein ny kode etter klokka {1}.",
    invalidIdentityNumber: "Skriv eit gyldig fødselsnummer eller d-nummer med 11 siffer.",
    passwordRefused: "Passordet oppfyller ikkje krava:",
    wrongLetterCode: "Fødselsnummeret eller aktiveringskoden er feil.",
    letterExpired: "Aktiveringsbrevet har gått ut. Kontakt brukarstøtte for MinID for å få eit nytt brev.",
    letterUsed: "Aktiveringskoden er allereie brukt. Logg inn med passordet ditt.",
    letterReplaced: "Du har fått eit nyare aktiveringsbrev. Bruk koden i det nyaste brevet.",
    serviceUnavailable: "Tenesta kan ikkje ta imot innlogging med MinID.",
    somethingWentWrong: "Noko gjekk gale. Prøv igjen seinare, eller kontakt brukarstøtte for MinID.",
    testidOnlySynthetic: "TestID tek berre syntetiske fødselsnummer (månad + 80, som frå Tenor).",
    passwordRules: [
      .tooShort: "minst 8 teikn", .tooLong: "høgst 256 teikn",
      .characters: "berre A–Z, a–z, 0–9, mellomrom og vanlege spesialteikn (ikkje æ, ø, å)",
      .needsLetter: "minst éin bokstav", .needsDigit: "minst eitt tal",
      .common: "ikkje eitt av dei vanlegaste passorda", .commonWord: "ikkje berre eit vanleg ord med tal",
      .season: "ikkje ei årstid med årstal, som Sommar2024",
      .month: "ikkje ein månad med årstal, som Januar2026",
      .weekday: "ikkje ein vekedag med tal, som Måndag123",
      .place: "ikkje eit land eller ein by med tal, som Noreg2026",
      .personalData: "ikkje fødselsnummer, fødselsdato, telefonnummer eller e-postnamn",
    ])
}
