import MinIDKit

/// The password policy's rules as a list under a new-password field, and the small script that ticks
/// the ones a browser can check (length, letter, digit, characters) as the person types. The server
/// checks every rule whatever the script shows.
enum PasswordRules {
  static let shown: [PasswordPolicy.Rule] = [
    .tooShort, .needsLetter, .needsDigit, .characters, .common, .commonWord, .season, .month, .weekday,
    .place,
    .personalData,
  ]

  static func list(_ text: PageText) -> String {
    let items = shown.map { rule in
      "<li data-rule=\"\(rule.rawValue)\">\(HTML.escaped(text.passwordRules[rule] ?? rule.explanation))</li>"
    }
    return "<div class=\"rules\" id=\"new_password-rules\"><p>\(HTML.escaped(text.passwordRulesTitle))</p>"
      + "<ul>\(items.joined())</ul></div>"
  }

  static let script = """
    (function(){var f=document.getElementById('new_password');if(!f)return;
    var t={password_too_short:function(v){return v.length>=\(PasswordPolicy.minimumLength)},
    password_needs_letter:function(v){return /[A-Za-z]/.test(v)},
    password_needs_digit:function(v){return /[0-9]/.test(v)},
    password_characters:function(v){return v.length>0&&/^[\\x20-\\x7E]*$/.test(v)}};
    f.addEventListener('input',function(){var v=f.value;
    document.querySelectorAll('#new_password-rules li').forEach(function(li){var c=t[li.dataset.rule];
    if(c)li.classList.toggle('met',c(v));});});})();
    """
}
