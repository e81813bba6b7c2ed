"""Single sign-on and logout in the browser: the place for their tests once minid serve has sessions.

To come here, driven like test_pages.py (the `site`, `fresh` fixtures and the sample relying party):
a second client's login within the session skips the password; prompt=login asks again; a level-3 session
meeting a level-4 request logs in again; RP-initiated logout ends the session, renders the front-channel
iframes for every client in it and sends the back-channel logout tokens, both observed at the relying
parties; and each new page (logout, its confirmation) through axe-core and the screenshots."""
