"""The MinID app and the code generator on the login pages, in the browser (the `site` fixture, the sample
Authlib relying party, which verifies every ID token and its amr).

The phone is the device key file `minid app enroll` writes: the test approves through `minid app approve`
while the page counts down and polls. "Use SMS instead" finishes with the SMS code from the outbox; the
code generator's code is computed here (RFC 6238). Each page goes through axe-core and is photographed in
each language; a form without its token and a framed page are refused."""
import base64
import hashlib
import hmac
import json
import struct
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_pages import LANGUAGES, accessible, button, fill, press, result, shot, start, submit, text

PASSWORD = "Fjelltur i mai 2026!"


def with_device(site):
    """A person who enrolled the MinID app with the activation letter's code: (pid, device key file)."""
    minid = site.minid
    pid = minid.run("id", "generate", "--kind", "tenor", "--count", "1", "--age", "30").stdout.strip()
    letter = minid.json("account", "register", "--pid", pid, "--phone", "91234567", "--email",
                        "kari@example.no", "--address", "Storgata 1, 0155 Oslo")["letter"]
    key, password_file = minid.directory / f"phone-{pid}.pem", minid.directory / f"password-{pid}.txt"
    password_file.write_text(PASSWORD)
    minid.run("app", "enroll", "--pid", pid, "--code-file", "-", "--password-file", str(password_file),
              "--device-key-out", str(key), stdin=letter["activation_code"])
    return pid, key


def with_code_generator(site):
    """A test person with a code generator: (person, its base32 secret)."""
    person = site.person()
    password_file = site.minid.directory / f"password-{person['pid']}.txt"
    password_file.write_text(person["password"])
    enrolled = json.loads(site.minid.run(
        "totp", "enroll", "--pid", person["pid"], "--password-file", str(password_file), "--code-file", "-",
        "--json", stdin="12345").stdout)
    return person, enrolled["secret"]


def totp_now(secret, step=0):
    """RFC 6238 with HMAC-SHA-1, 30-second steps, 6 digits: the code the generator shows now."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30 + step), hashlib.sha1).digest()
    offset = mac[19] & 15
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def password_step(browser, site, pid, password, **parameters):
    start(browser, site, **parameters)
    button(browser, "MinID")
    fill(browser, pid=pid, password=password)
    submit(browser)


def seconds_left(browser):
    return int(browser.find_element(By.ID, "seconds").text)


def test_an_app_approval_while_the_page_counts_down_lands_with_minid_app(fresh, site):
    pid, key = with_device(site)
    password_step(fresh, site, pid, PASSWORD)
    assert "Godkjenn innloggingen i MinID-appen" in text(fresh) and "Skatteetaten (test)" in text(fresh)
    assert fresh.find_element(By.CSS_SELECTOR, "[role=timer]") and 0 < seconds_left(fresh) <= 60
    # The script counts down and asks the server without reloading the page (a reload would restart a
    # screen reader): the same document, fewer seconds.
    document, before = fresh.find_element(By.TAG_NAME, "html"), seconds_left(fresh)
    WebDriverWait(fresh, 10).until(lambda _: seconds_left(fresh) <= before - 3)
    assert document.tag_name == "html" and "/authorize/minid/password" in fresh.current_url
    pending = site.minid.json("app", "pending", "--device-key", str(key))
    assert len(pending) == 1 and pending[0]["service"] == "Skatteetaten (test)"
    site.minid.run("app", "approve", "--device-key", str(key), "--attempt", pending[0]["attempt"])
    WebDriverWait(fresh, 15).until(lambda _: fresh.find_elements(By.ID, "result"))
    logged_in = result(fresh)
    assert logged_in["logged_in"] == pid and logged_in["amr"] == ["Minid-APP"]
    assert site.minid.json("outbox", "list", "--pid", pid, "--kind", "sms") == [], "no SMS code went out"


def test_use_sms_instead_finishes_with_the_sms_code(fresh, site):
    pid, _ = with_device(site)
    password_step(fresh, site, pid, PASSWORD)
    button(fresh, "Bruk SMS i stedet")
    assert "Engangskode fra SMS" in text(fresh)
    fill(fresh, code=site.last_code(pid))
    submit(fresh)
    logged_in = result(fresh)
    assert logged_in["logged_in"] == pid and logged_in["amr"] == ["Minid-OTC"]


def test_a_code_generator_code_lands_with_minid_totp_and_a_wrong_one_is_refused_at_its_field(fresh, site):
    person, secret = with_code_generator(site)
    password_step(fresh, site, person["pid"], person["password"], ui_locales="en")
    assert "Code from your code generator" in text(fresh)
    wrong = "000000" if totp_now(secret) != "000000" else "111111"
    fill(fresh, code=wrong)
    submit(fresh)
    field = fresh.find_element(By.NAME, "code")
    assert field.get_attribute("aria-invalid") == "true"
    message = fresh.find_element(By.ID, field.get_attribute("aria-describedby").split()[-1]).text
    assert "Wrong code, or a code used before. You have 4 attempts left" in message
    # Near the end of a 30-second step the next one's code is as good (±1 step); take that rather than race.
    fill(fresh, code=totp_now(secret, 1 if time.time() % 30 > 27 else 0))
    submit(fresh)
    logged_in = result(fresh)
    assert logged_in["logged_in"] == person["pid"] and logged_in["amr"] == ["Minid-TOTP"]


def test_the_second_factor_pages_refuse_a_form_without_its_token_and_being_framed(fresh, site):
    pid, _ = with_device(site)
    password_step(fresh, site, pid, PASSWORD)
    poll = site.issuer + fresh.find_element(By.ID, "countdown").get_attribute("data-poll")
    fresh.execute_script("document.querySelectorAll('input[name=csrf]').forEach(function (e) { e.remove() })")
    button(fresh, "Bruk SMS i stedet")
    assert "Skjemaet er utløpt" in text(fresh)
    assert site.minid.json("outbox", "list", "--pid", pid, "--kind", "sms") == [], "no code went out"
    # The waiting page inside another site's frame: refused (frame-ancestors 'none', X-Frame-Options).
    fresh.get(site.parties["skatt"].url + "/frame?" + urllib.parse.urlencode({"src": poll}))
    fresh.switch_to.frame(fresh.find_element(By.TAG_NAME, "iframe"))
    try:
        WebDriverWait(fresh, 20).until(lambda _: fresh.execute_script("return document.readyState === 'complete'"))
        assert "MinID-appen" not in fresh.page_source
    finally:
        fresh.switch_to.default_content()
    fresh.get(poll)
    assert "MinID-appen" in text(fresh), "the same address, not framed, shows the page"
    # The code generator's form without its token.
    person, secret = with_code_generator(site)
    password_step(fresh, site, person["pid"], person["password"])
    fresh.execute_script("document.querySelectorAll('input[name=csrf]').forEach(function (e) { e.remove() })")
    fill(fresh, code=totp_now(secret))
    submit(fresh)
    assert "Skjemaet er utløpt" in text(fresh) and not fresh.find_elements(By.ID, "result")


def test_the_second_factor_pages_in_each_language_then_time_runs_out_and_sms_finishes(fresh, site):
    """axe-core and a screenshot of each page in each language; the time-ran-out page by waiting out the
    approval's 60 seconds once, then the language switch (which shows the same step again)."""
    pid, _ = with_device(site)
    for language in LANGUAGES:
        fresh.execute_cdp_cmd("Network.clearBrowserCookies", {})
        password_step(fresh, site, pid, PASSWORD, ui_locales=language)
        assert fresh.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
        accessible(fresh)
        shot(fresh, "12-app", language)
        press(fresh, "form.cancel button")
        person, secret = with_code_generator(site)
        password_step(fresh, site, person["pid"], person["password"], ui_locales=language)
        accessible(fresh)
        shot(fresh, "14-totp", language)
        fill(fresh, code="000000" if totp_now(secret) != "000000" else "111111")
        submit(fresh)
        accessible(fresh)
        shot(fresh, "15-totp-refused", language)
    fresh.execute_cdp_cmd("Network.clearBrowserCookies", {})
    password_step(fresh, site, pid, PASSWORD)
    WebDriverWait(fresh, 75, poll_frequency=1).until(lambda _: "Tiden gikk ut" in text(fresh))
    assert not fresh.find_elements(By.ID, "seconds") and "Bruk SMS i stedet" in text(fresh)
    names = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English", "se": "Davvisámegiella"}
    for language in ["nn", "en", "se", "nb"]:
        press(fresh, f"button[name=lang][value={language}]")
        assert fresh.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, names[language]
        assert not fresh.find_elements(By.ID, "seconds"), "the same step: time ran out"
        accessible(fresh)
        shot(fresh, "13-app-expired", language)
    button(fresh, "Bruk SMS i stedet")
    fill(fresh, code=site.last_code(pid))
    submit(fresh)
    logged_in = result(fresh)
    assert logged_in["logged_in"] == pid and logged_in["amr"] == ["Minid-OTC"]
