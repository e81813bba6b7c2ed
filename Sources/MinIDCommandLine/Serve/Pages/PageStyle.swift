/// The one style sheet of the login pages, served by `minid serve` itself at `/pages.css` (nothing is
/// fetched from outside). Colours meet WCAG 2.1 AA contrast: body text #1e2b3c and links/buttons #0062ba
/// on white (6.4:1), white on #0062ba, errors #b00020 (7.2:1); focus is always visible.
enum PageStyle {
  static let css = """
    *{box-sizing:border-box}
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.0625rem;
    line-height:1.5;color:#1e2b3c;background:#f3f4f4}
    .skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
    .skip:focus{left:1rem}
    header{background:#fff;border-bottom:1px solid #c9ccd0;padding:.5rem 1rem;display:flex;flex-wrap:wrap;
    align-items:center;justify-content:space-between;gap:.5rem}
    .brand{font-weight:700;font-size:1.25rem;margin:0}
    .languages fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem;align-items:center}
    .languages legend{float:left;margin-right:.5rem;font-weight:600}
    .languages button{background:none;color:#0062ba;border:1px solid transparent;padding:.25rem .5rem;
    text-decoration:underline;font-size:.95rem}
    .languages button.current{border-color:#1e2b3c;color:#1e2b3c;text-decoration:none;font-weight:600}
    main{max-width:36rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border-radius:4px;
    border:1px solid #c9ccd0}
    h1{font-size:1.6rem;margin:.25rem 0 1rem}
    .service{margin:0;color:#1e2b3c}
    .field{margin:1rem 0}
    label{display:block;font-weight:600;margin-bottom:.25rem}
    input[type=text],input[type=password],input:not([type]){width:100%;font-size:1.1rem;padding:.5rem;
    border:2px solid #5a6570;border-radius:3px}
    input[aria-invalid=true]{border-color:#b00020}
    button{font:inherit;cursor:pointer;background:#0062ba;color:#fff;border:2px solid #0062ba;
    border-radius:3px;padding:.5rem 1.25rem}
    button.secondary{background:#fff;color:#0062ba}
    button.link{background:none;border:0;color:#0062ba;text-decoration:underline;padding:.25rem 0;margin-right:1rem}
    :focus-visible{outline:3px solid #e39400;outline-offset:2px}
    .eids{list-style:none;padding:0}
    .eids li{margin:.5rem 0}
    .eid{width:100%;text-align:left;display:flex;flex-direction:column;background:#fff;color:#1e2b3c;
    border:2px solid #0062ba}
    .eid-name{font-weight:700;font-size:1.2rem;color:#0062ba}
    .hint{margin:.25rem 0;color:#3b4754}
    .error,.alert{color:#b00020;font-weight:600}
    .alert{border-left:4px solid #b00020;padding:.25rem .75rem;margin:1rem 0;background:#fff5f5}
    .notice{border-left:4px solid #1d7a3a;padding:.25rem .75rem;margin:1rem 0;background:#f1faf3}
    .rules ul{padding-left:1.25rem}
    .rules li.met{color:#1d7a3a}
    .rules li.met::before{content:"\\2713  "}
    fieldset{border:1px solid #c9ccd0;border-radius:3px;margin:1rem 0}
    .choice{margin:.25rem 0}.choice label{display:inline;font-weight:400}
    .cancel{margin-top:1.5rem;border-top:1px solid #c9ccd0;padding-top:1rem}
    .more{margin:1rem 0}
    """

  /// `GET /pages.css`: cacheable for an hour (it changes only with minid).
  static func response() -> HTTPResponse {
    HTTPResponse(
      status: 200,
      headers: [
        ("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "public, max-age=3600"),
        ("X-Content-Type-Options", "nosniff"),
      ],
      body: Array(css.utf8))
  }
}
