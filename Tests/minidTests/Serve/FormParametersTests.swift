import Testing

@testable import MinIDCommandLine

@Suite struct FormParametersTests {
  typealias Parameter = FormParameters.Parameter

  @Test func repeatedParametersAreKeptInOrder() throws {
    let form = try FormParameters(parsing: "scope=openid&state=a&scope=profile&nonce=n&state=b")
    #expect(
      form.pairs == [
        Parameter(name: "scope", value: "openid"), Parameter(name: "state", value: "a"),
        Parameter(name: "scope", value: "profile"), Parameter(name: "nonce", value: "n"),
        Parameter(name: "state", value: "b"),
      ])
    #expect(form.values("scope") == ["openid", "profile"])
    #expect(form.repeatedNames == ["scope", "state"])
    #expect(throws: FormParameters.Repeated(name: "state")) { try form.single("state") }
    #expect(try form.single("nonce") == "n")
    #expect(try form.single("prompt") == nil)
  }

  @Test func namesAndValuesArePercentAndPlusDecoded() throws {
    let form = try FormParameters(
      parsing:
        "redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1&scope=openid+profile&a%20b=c%2Bd&x=%E2%82%AC")
    #expect(form.values("redirect_uri") == ["https://app.example/cb?x=1"])
    #expect(form.values("scope") == ["openid profile"])
    #expect(form.values("a b") == ["c+d"], "names are decoded too; %2B is a plus, + a space")
    #expect(form.values("x") == ["€"])
  }

  @Test func emptyValuesAndTextAreAllowed() throws {
    #expect(try FormParameters(parsing: "").pairs.isEmpty)
    #expect(
      try FormParameters(parsing: "state=&a=1&").pairs == [
        Parameter(name: "state", value: ""), Parameter(name: "a", value: "1"),
      ])
    #expect(try FormParameters(parsing: "a=b=c").values("a") == ["b=c"], "split at the first =")
  }

  @Test(arguments: ["a", "a=1&&b=2", "=v", "a=1&b"])
  func textThatIsNotPairsIsRefusedWhole(_ text: String) {
    #expect(throws: FormParameters.Malformed.notPairs) { try FormParameters(parsing: text) }
  }

  @Test(arguments: ["code=abc%00def", "a%00=1", "x=%0"])
  func aNulIsRefused(_ text: String) throws {
    if text == "x=%0" {
      #expect(
        try FormParameters(parsing: text).values("x") == ["%0"], "an incomplete escape stays as written")
      return
    }
    #expect(throws: FormParameters.Malformed.nul) { try FormParameters(parsing: text) }
  }

  @Test func bytesThatAreNotUTF8AreRefused() {
    #expect(throws: FormParameters.Malformed.notUTF8) { try FormParameters(parsing: "a=%FF%FE") }
    #expect(throws: FormParameters.Malformed.notUTF8) { try FormParameters(parsing: "%C3=1") }
  }

  @Test func aBodyMustBeAForm() throws {
    func request(_ type: String?, _ body: String) -> HTTPRequest {
      HTTPRequest(
        method: "POST", path: "/token", rawQuery: "ignored=1",
        headers: type.map { [("content-type", $0)] } ?? [], body: Array(body.utf8), peer: "127.0.0.1:1")
    }
    let form = try request(
      "application/x-www-form-urlencoded; charset=UTF-8", "grant_type=authorization_code"
    )
    .formParameters()
    #expect(form.values("grant_type") == ["authorization_code"])
    #expect(form.values("ignored").isEmpty, "the query is not the body")
    #expect(throws: FormParameters.Malformed.notAForm) {
      try request("application/json", "{}").formParameters()
    }
    #expect(throws: FormParameters.Malformed.notAForm) { try request(nil, "a=1").formParameters() }
    #expect(try request(nil, "").queryParameters().values("ignored") == ["1"])
  }
}
