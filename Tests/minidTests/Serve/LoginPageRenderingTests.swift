import MinIDKit
import Testing

@testable import MinIDCommandLine

/// The login pages as HTML: what every page carries, what each shows, and what none may show.
@Suite struct LoginPageRenderingTests {
  func context(_ language: PageLanguage = .nb, testStore: Bool = true, service: String = "Min side")
    -> PageContext
  {
    PageContext(
      base: "/idp", login: "login-1", token: "token-1", language: language, service: service,
      testStore: testStore, redirectURI: "https://rp.example/callback?x=1", attemptToken: { "bound-\($0)" })
  }

  func html(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

  @Test func everyFormCarriesTheLoginAndItsTokenAndEveryPageCancel() {
    let pages = [
      ChoicePage.content(context(), offered: [.minid, .testid]), PasswordPage.content(context()),
      CodePage.content(context(), attempt: "a-1", phone: "+47*****999"), RecoveryPages.start(context()),
      RecoveryPages.codes(context(), pid: "1"), ActivationPage.content(context()),
      TestIDPage.content(context(), minimum: .substantial),
      AppApprovalPage.waiting(context(), attempt: "a-1", secondsLeft: 42),
      AppApprovalPage.expired(context(), attempt: "a-1"),
      CodeGeneratorPage.content(context(), attempt: "a-1"),
    ]
    for content in pages {
      let page = html(PageLayout.render(content, context()))
      let forms = page.components(separatedBy: "<form ").count - 1
      #expect(forms >= 3, "\(content.step): the language switch, the step and Cancel")
      #expect(page.components(separatedBy: "name=\"csrf\" value=\"token-1\"").count - 1 == forms)
      #expect(page.components(separatedBy: "name=\"login\" value=\"login-1\"").count - 1 == forms)
      #expect(page.contains("action=\"/idp/authorize/cancel\""))
      #expect(!page.contains("method=\"get\""), "every step posts: nothing in a URL")
    }
  }

  @Test func thePolicyAllowsOnlyThisPagesNonceAndTheClientsOriginAndNoFraming() throws {
    let response = PageLayout.render(PasswordPage.content(context()), context())
    let policy = try #require(response.headers.first { $0.name == "Content-Security-Policy" }?.value)
    let nonce = try #require(policy.split(separator: "'").first { $0.hasPrefix("nonce-") }).dropFirst(6)
    #expect(
      policy.contains("form-action 'self' https://rp.example;") && policy.contains("frame-ancestors 'none'"))
    let scripted = html(PageLayout.render(RecoveryPages.codes(context(), pid: "1"), context()))
    #expect(scripted.contains("<script nonce=\""))
    #expect(!html(response).contains("<script"), "a page without a script has none")
    #expect(!policy.contains("connect-src"), "only a page that polls may ask the server")
    #expect(!nonce.isEmpty)
  }

  @Test func anErrorIsTiedToItsFieldByDescribedByAndInvalid() {
    let message = CitizenMessage(LoginError.wrongCode(attemptsLeft: 2), language: .en)
    let page = html(
      PageLayout.render(
        CodePage.content(context(.en), attempt: "a", phone: nil, message: message), context(.en)))
    #expect(page.contains("id=\"code\" name=\"code\""))
    #expect(page.contains("aria-describedby=\"code-hint code-error\" aria-invalid=\"true\""))
    #expect(
      page.contains("<p class=\"error\" id=\"code-error\">Wrong one-time code. You have 2 attempts left"))
    #expect(page.contains("<html lang=\"en\">"))
  }

  @Test func theServicesNameIsEscaped() {
    let page = html(
      PageLayout.render(PasswordPage.content(context()), context(service: "<script>x</script>")))
    #expect(!page.contains("<script>x") && page.contains("&lt;script&gt;x&lt;/script&gt;"))
  }

  @Test func theFixedTestCodeIsHintedOnlyInATestStore() {
    let test = html(PageLayout.render(CodePage.content(context(), attempt: "a", phone: nil), context()))
    #expect(test.contains(OneTimeCode.staticTestCode))
    let production = context(testStore: false)
    let page = html(PageLayout.render(CodePage.content(production, attempt: "a", phone: nil), production))
    #expect(!page.contains(OneTimeCode.staticTestCode))
  }

  @Test func withNoEIDForTheLevelThePageNamesTheLevel4EIDsAndOffersNothing() {
    let page = html(PageLayout.render(ChoicePage.content(context(), offered: []), context()))
    #expect(page.contains("BankID, Buypass ID eller Commfides"))
    #expect(!page.contains("value=\"minid\"") && !page.contains("value=\"testid\""))
  }

  @Test func theAppPagePollsByReloadOnlyWithoutScriptAndItsScriptRunsByNonceAndMayAskThisServer() throws {
    let response = PageLayout.render(
      AppApprovalPage.waiting(context(.en), attempt: "a/1", secondsLeft: 42), context(.en))
    let page = html(response)
    // A reload every few seconds would restart a screen reader: only inside noscript.
    #expect(
      page.contains(
        "<noscript><meta http-equiv=\"refresh\" content=\"2;url=/idp/authorize/minid/app?login=login-1&amp;attempt=a%2F1&amp;attempt_token=bound-a%2F1\"></noscript>"
      ))
    #expect(!page.replacingOccurrences(of: "<noscript><meta http-equiv", with: "").contains("http-equiv"))
    #expect(
      page.contains(
        "data-status=\"/idp/authorize/minid/app/status?login=login-1&amp;attempt=a%2F1&amp;attempt_token=bound-a%2F1\""
      ))
    #expect(page.contains("role=\"timer\"") && page.contains("<span id=\"seconds\">42</span> seconds left"))
    let policy = try #require(response.headers.first { $0.name == "Content-Security-Policy" }?.value)
    let nonce = try #require(policy.split(separator: "'").first { $0.hasPrefix("nonce-") }).dropFirst(6)
    #expect(page.contains("<script nonce=\"\(nonce)\">") && policy.contains("connect-src 'self';"))
    #expect(page.contains("action=\"/idp/authorize/minid/sms\"") && page.contains("Use SMS instead"))
    #expect(page.contains("name=\"step\" value=\"app\"") && page.contains("name=\"attempt\" value=\"a/1\""))
    #expect(page.contains("name=\"attempt_token\" value=\"bound-a/1\""), "the attempt's token beside it")
    let late = html(
      PageLayout.render(AppApprovalPage.waiting(context(), attempt: "a", secondsLeft: -3), context()))
    #expect(late.contains("<span id=\"seconds\">0</span> sekunder igjen"))
  }

  @Test func theTimeRanOutPageNeitherPollsNorCountsButOffersSMS() {
    let page = html(PageLayout.render(AppApprovalPage.expired(context(.nn), attempt: "a"), context(.nn)))
    #expect(!page.contains("http-equiv=\"refresh\"") && !page.contains("<script"))
    #expect(page.contains("Tida gjekk ut") && page.contains("Bruk SMS i staden"))
  }

  @Test func aWrongCodeGeneratorCodeIsTiedToTheCodeField() {
    let message = CitizenMessage(SecondFactorError.wrongTOTPCode(attemptsLeft: 4), language: .se)
    let content = CodeGeneratorPage.content(context(.se), attempt: "a", message: message)
    let page = html(PageLayout.render(content, context(.se)))
    #expect(content.status == 400 && content.step == .totp)
    #expect(page.contains("aria-describedby=\"code-error\" aria-invalid=\"true\""))
    #expect(page.contains("id=\"code-error\">\(HTML.escaped(message.text))"))
    #expect(page.contains("action=\"/idp/authorize/minid/totp\"") && page.contains("<html lang=\"se\">"))
  }
}
