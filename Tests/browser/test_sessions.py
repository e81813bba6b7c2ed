"""Single sign-on and logout in the browser, driven like test_pages.py (the `fresh` browser and the sample
Authlib relying parties of the `sessions_site` fixture, whose two services are registered for logout).

A second service's login within the session shows no page at all and its ID token (verified by Authlib)
carries the first login's sid and auth_time; prompt=login shows the pages again. RP-initiated logout sends
the browser through /logout, whose hidden frames call both services' front-channel logout URIs; the
back-channel logout token reaches the service that registered for it and is verified there with Authlib;
the browser comes back to the post-logout URI with its state, and the next login asks for the password."""
import secrets
import time

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_pages import LANGUAGES, accessible, button, fill, result, shot, start, submit, text

EVENT = "http://schemas.openid.net/event/backchannel-logout"


def logged_in_with_password(browser, site, person, client):
    start(browser, site, client)
    button(browser, "MinID")
    fill(browser, pid=person["pid"], password=person["password"])
    submit(browser)
    fill(browser, code=site.last_code(person["pid"]))
    submit(browser)
    assert result(browser)["logged_in"] == person["pid"]
    return site.parties[client].logins[-1]


def sms_count(site, pid):
    return len(site.minid.json("outbox", "list", "--pid", pid, "--kind", "sms"))


def test_a_second_service_logs_in_with_no_page_and_prompt_login_asks_again(fresh, sessions_site):
    site, person = sessions_site, sessions_site.person()
    first = logged_in_with_password(fresh, site, person, "nav")
    sent = sms_count(site, person["pid"])
    # The second service: the browser goes from the service to /authorize and straight back, logged in.
    start(fresh, site, "lanekassen")
    assert result(fresh)["logged_in"] == person["pid"]
    second = site.parties["lanekassen"].logins[-1]
    assert second["aud"] == "lanekassen" and second["sid"] == first["sid"]
    assert second["auth_time"] == first["auth_time"] and second["amr"] == ["Minid-OTC"]
    assert sms_count(site, person["pid"]) == sent, "no new code: the session answered"
    # prompt=login: the pages again, in the same browser with its session cookie.
    assert fresh.get_cookie("MINID_SESSION")
    start(fresh, site, "lanekassen", prompt="login")
    assert not fresh.find_elements(By.ID, "result")
    assert fresh.find_element(By.CSS_SELECTOR, "button[value=minid]") and "Lånekassen (test)" in text(fresh)


def test_logout_reaches_both_services_front_and_back_channel_and_the_next_login_asks_again(fresh, sessions_site):
    site, person = sessions_site, sessions_site.person()
    nav, lanekassen = site.parties["nav"], site.parties["lanekassen"]
    sid = logged_in_with_password(fresh, site, person, "nav")["sid"]
    start(fresh, site, "lanekassen")
    assert result(fresh)["logged_in"] == person["pid"]
    front_before = (len(nav.front_channel), len(lanekassen.front_channel))
    back_before = len(lanekassen.back_channel)
    state = secrets.token_urlsafe(12)
    # The service sends the browser to /logout; the page's frames load, then it goes back to the service.
    fresh.get(nav.url + "/logout?state=" + state)
    WebDriverWait(fresh, 20).until(lambda _: fresh.current_url.startswith(nav.url + "/logged-out"))
    assert result(fresh) == {"logged_out": True, "state": state}
    # Front channel: a GET at each service's front-channel logout URI, with the issuer and the session.
    assert len(nav.front_channel) == front_before[0] + 1 and len(lanekassen.front_channel) == front_before[1] + 1
    for party in (nav, lanekassen):
        assert party.front_channel[-1] == {"iss": site.issuer, "sid": sid}
    # Back channel: one logout token posted to the service that registered for it, verified by Authlib.
    deadline = time.time() + 10
    while len(lanekassen.back_channel) == back_before and time.time() < deadline:
        time.sleep(0.05)
    assert not lanekassen.back_channel_errors, lanekassen.back_channel_errors
    header, claims = lanekassen.back_channel[-1]
    assert header["typ"] == "logout+jwt"
    assert claims["aud"] == "lanekassen" and claims["sid"] == sid and claims["iss"] == site.issuer
    assert claims["events"] == {EVENT: {}} and "nonce" not in claims and claims["jti"]
    assert not nav.back_channel, "nav registered no back-channel URI"
    # The session is over: the next login asks for the password again.
    start(fresh, site, "nav")
    assert not fresh.find_elements(By.ID, "result") and fresh.find_element(By.CSS_SELECTOR, "button[value=minid]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_logout_pages_are_accessible_in_the_chosen_language_and_photographed(fresh, sessions_site, language):
    site, person = sessions_site, sessions_site.person()
    nav = site.parties["nav"]
    logged_in_with_password(fresh, site, person, "nav")
    # The person's language choice (the cookie the login pages' switch sets) carries over to logout.
    fresh.get(site.issuer + "/pages.css")
    fresh.add_cookie({"name": "MINID_SELECTED_LANGUAGE", "value": language, "path": "/"})
    # Without the post-logout URI the page stays, so it can be checked and photographed.
    fresh.get(site.issuer + "/logout?id_token_hint=" + nav.id_tokens[-1])
    assert fresh.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    assert fresh.find_elements(By.CSS_SELECTOR, "iframe[hidden]"), "the front-channel frames"
    accessible(fresh)
    shot(fresh, "16-logged-out", language)
    # Again, with the session over: nothing to log out of.
    fresh.get(site.issuer + "/logout?client_id=nav")
    assert fresh.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
    assert fresh.find_element(By.CSS_SELECTOR, "[role=alert]")
    accessible(fresh)
    shot(fresh, "17-logout-no-session", language)
