extension PageText {
  /// Northern Sami. Machine-made, not checked by a speaker: every string needs review before a citizen
  /// reads it (docs/serve.md).
  public static let northernSami = PageText(
    languageName: "Davvisámegiella", languageSwitch: "Giella", cancel: "Gaskkalduhte", back: "Ruovttoluotta",
    next: "Viidáset", continueButton: "Joatkke", loginTo: "Sisačáliheapmi: {1}",
    skipToContent: "Mana váldosisdollui",
    chooseTitle: "Vállje elektrovnnalaš ID", minidOption: "MinID",
    minidOptionDetail: "Beassansátni ja ovttageardásaš kodda SMS:s (sihkkarvuođadássi mearkkašahtti)",
    testidOption: "TestID", testidOptionDetail: "Syntehtalaš testolmmoš, dušše testbirrasis",
    levelHighTitle: "Bálvalus gáibida alit sihkkarvuođadási",
    levelHighText:
      "Dát bálvalus gáibida sisačáliheami sihkkarvuođadásis 4 (alla) BankID:in, Buypass ID:in dahje Commfidesiin. "
      + "Dát sisačálihanbálvalus ii fála daid. MinID addá sihkkarvuođadási 3 iige sáhte geavahuvvot dás.",
    passwordTitle: "Čálit sisa MinID:in", pidLabel: "Riegádannummir dahje D-nummir (11 numara)",
    passwordLabel: "Beassansátni", forgotPassword: "Vajálduhtán beassansáni?",
    activateMinID: "Aktivere MinID",
    codeTitle: "Ovttageardásaš kodda SMS:s",
    codeSent: "Mii leat sádden ovttageardásaš koda SMS:in nummirii {1}. Kodda lea gustovaš {2} minuhta.",
    codeSentNoPhone: "Mii leat sádden ovttageardásaš koda SMS:in. Kodda lea gustovaš {1} minuhta.",
    codeLabel: "Ovttageardásaš kodda (5 numara)", logIn: "Čálit sisa", sendNewCode: "Sádde ođđa koda",
    newCodeSent: "Mii leat sádden ođđa koda. Ovddit kodda ii šat gusto.",
    testCodeHint: "Testbiras: syntehtalaš testolbmot sáhttet maid geavahit koda {1}.",
    recoverTitle: "Vajálduhtán beassansátni",
    recoverIntro: "Čális riegádannummira. Mii sáddet ovtta koda SMS:in ja ovtta koda e-poasttain.",
    sendCodes: "Sádde kodaid",
    recoverCodesIntro:
      "Jus dus lea MinID, de mii leat sádden koda SMS:in (5 numara) ja koda e-poasttain (6 mearkka). "
      + "Kodat leat gustovaččat {1} minuhta.",
    smsCodeLabel: "Kodda SMS:s (5 numara)", emailCodeLabel: "Kodda e-poasttas (6 mearkka)",
    newPasswordLabel: "Ođđa beassansátni", passwordRulesTitle: "Beassansátni ferte deavdit dáid gáibádusaid:",
    savePassword: "Vurke ođđa beassansáni",
    passwordChanged: "Beassansátni lea rievdaduvvon. Čálit sisa ođđa beassansániin.",
    activateTitle: "Aktivere MinID",
    activateIntro: "Čális riegádannummira ja aktiverenkoda reivves, ja vállje beassansáni.",
    letterCodeLabel: "Aktiverenkodda reivves",
    activated: "MinID lea aktiverejuvvon. Čálit sisa beassansániin maid válljejit.",
    testidTitle: "Čálit sisa TestID:in",
    testidIntro: "Dušše testbirrasis: čálit sisa syntehtalaš testolmmožin, beassansáni haga.",
    testidPidLabel: "Syntehtalaš riegádannummir (11 numara)", testidCreate: "Ráhkat ođđa testolbmo",
    levelLabel: "Sihkkarvuođadássi", levelSubstantial: "Mearkkašahtti (dássi 3)", levelHigh: "Alla (dássi 4)",
    errorTitle: "Sisačáliheapmi ii sáhte joatkit",
    formExpired:
      "Skovvi lea boarásmuvvan, dahje dat ii boahtán dán neahttalohkkis. Mana ruovttoluotta bálvalussii ja čálit sisa ođđasit.",
    loginExpired:
      "Sisačáliheapmi lea boarásmuvvan dahje álggahuvvui eará neahttalohkkis. Mana ruovttoluotta bálvalussii ja čálit sisa ođđasit.",
    wrongCredentials: "Boasttu riegádannummir dahje beassansátni.",
    wrongCodeAttemptsLeft:
      "Boasttu kodda. Dus leat {1} geahččalusa báhcán ovdal go MinID gaskaboddosaččat lohkkaduvvo.",
    wrongCodeNowLocked:
      "Boasttu kodda. MinID lea dál gaskaboddosaččat lohkkaduvvon go ledje menddo ollu boasttu geahččalusat.",
    temporarilyLocked:
      "MinID lea gaskaboddosaččat lohkkaduvvon menddo máŋga boasttu geahččalusa maŋŋá. Sáhtát geahččalit fas maŋŋel diibmu {1}.",
    blocked: "MinID lea hehttejuvvon. Váldde oktavuođa MinID-doarjagiin veahki várás.",
    notActivated: "MinID ii leat vel aktiverejuvvon. Vállje «Aktivere MinID» ja geavat koda reivves.",
    notUsable: "MinID ii sáhte geavahuvvot dál. Váldde oktavuođa MinID-doarjagiin.",
    codeExpired: "Kodda lea boarásmuvvan. Vállje «Sádde ođđa koda».",
    codeUsed: "Kodda lea juo geavahuvvon. Álggat sisačáliheami ođđasit.",
    wrongRecoveryCodes:
      "Kodat eai dohkkehuvvon. Dat sáhttet leat boasttut, geavahuvvon dahje boarásmuvvan. Bivdde ođđa kodaid ja geahččal fas.",
    tooManyCodes: "Don leat bivdán menddo ollu kodaid. Sáhtát bivdit ođđa koda maŋŋel diibmu {1}.",
    invalidIdentityNumber: "Čális gustovaš riegádannummira dahje D-nummira mas leat 11 numara.",
    passwordRefused: "Beassansátni ii deavdde gáibádusaid:",
    wrongLetterCode: "Riegádannummir dahje aktiverenkodda lea boasttu.",
    letterExpired: "Aktiverenreive lea boarásmuvvan. Váldde oktavuođa MinID-doarjagiin ođđa reivve várás.",
    letterUsed: "Aktiverenkodda lea juo geavahuvvon. Čálit sisa beassansániinat.",
    letterReplaced: "Don leat ožžon ođđasit aktiverenreivve. Geavat koda ođđaseamos reivves.",
    serviceUnavailable: "Dát bálvalus ii sáhte vuostáiváldit sisačáliheami MinID:in.",
    somethingWentWrong:
      "Juoga manai boasttot. Geahččal fas maŋŋelis, dahje váldde oktavuođa MinID-doarjagiin.",
    testidOnlySynthetic: "TestID dohkkeha dušše syntehtalaš riegádannummiriid (mánnu + 80, nugo Tenoris).",
    passwordRules: [
      .tooShort: "unnimusat 8 mearkka", .tooLong: "eanemusat 256 mearkka",
      .characters: "dušše A–Z, a–z, 0–9, gaska ja dábálaš erenoamášmearkkat (ii æ, ø, å)",
      .needsLetter: "unnimusat okta bustávva", .needsDigit: "unnimusat okta nummar",
      .common: "ii okta dábáleamos beassansániin", .commonWord: "ii dušše dábálaš sátni numariiguin",
      .season: "ii jahkeáigi jagiin, nugo Geassi2024", .month: "ii mánnu jagiin, nugo Ođđajagimánnu2026",
      .weekday: "ii vahkkobeaivi numariiguin, nugo Vuossárga123",
      .place: "ii riika dahje gávpot numariiguin, nugo Norga2026",
      .personalData: "ii riegádannummir, riegádanbeaivi, telefonnummir dahje e-poastanamma",
    ])
}
