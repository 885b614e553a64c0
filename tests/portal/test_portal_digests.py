"""E-mail digests: content, unsubscribe without login, idempotence, one recipient's SMTP failure."""

import email
import socket
from datetime import timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from portal import services
from portal.digests import send_digests
from portal.models import DigestLog, PortalProfile, Share

pytestmark = pytest.mark.django_db


@pytest.fixture
def presse(make_channel, make_item):
    channel = make_channel("presse", "Presse territoriale")
    make_item(channel, "Budget 2027 : les arbitrages", age=timedelta(hours=3))
    make_item(channel, "Article trop ancien", age=timedelta(days=3))
    return channel


def subscriber(make_user, name, channel, frequency="daily"):
    user = make_user(name)
    services.follow(user=user, page=channel)
    PortalProfile.objects.filter(user=user).update(digest_frequency=frequency)
    return user


def test_digest_has_french_text_and_html_parts_with_absolute_links(make_user, presse):
    subscriber(make_user, "helene", presse)
    summary = send_digests(frequency="daily")
    assert summary.sent == 1
    [message] = mail.outbox
    assert message.to == ["helene@mairie.example"]
    assert message.subject.startswith("Vos nouveautés du jour")
    assert "Budget 2027 : les arbitrages" in message.body
    assert "Article trop ancien" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'lang="fr"' in html
    assert "http://testserver/" in html and "Ne plus recevoir cette lettre" in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/portail/lettre/desabonnement/")


def test_second_run_the_same_day_sends_nothing(make_user, presse):
    subscriber(make_user, "helene", presse)
    assert send_digests(frequency="daily").sent == 1
    summary = send_digests(frequency="daily")
    assert (summary.sent, summary.skipped) == (0, 1)
    assert len(mail.outbox) == 1
    assert DigestLog.objects.filter(status="sent").count() == 1


def test_next_digest_only_has_what_came_since_the_last_one(make_user, presse, make_item):
    subscriber(make_user, "helene", presse)
    send_digests(frequency="daily")
    make_item(presse, "Nouvel article du lendemain", age=-timedelta(hours=1))
    send_digests(frequency="daily", now=timezone.now() + timedelta(days=1))
    assert "Nouvel article du lendemain" in mail.outbox[1].body
    assert "Budget 2027" not in mail.outbox[1].body


def test_nothing_new_sends_no_mail_but_is_recorded(make_user, make_channel):
    subscriber(make_user, "helene", make_channel("vide"))
    summary = send_digests(frequency="daily")
    assert (summary.sent, summary.empty, len(mail.outbox)) == (0, 1, 0)
    assert DigestLog.objects.get().status == "empty"


def test_weekly_subscribers_are_not_sent_the_daily_digest(make_user, presse):
    subscriber(make_user, "hebdo", presse, frequency="weekly")
    subscriber(make_user, "jamais", presse, frequency="none")
    assert send_digests(frequency="daily").sent == 0
    assert send_digests(frequency="weekly").sent == 1
    assert [m.to for m in mail.outbox] == [["hebdo@mairie.example"]]


def test_shares_with_followed_services_are_in_the_digest(make_user, presse, service_pages, make_item):
    user = subscriber(make_user, "helene", presse)
    services.follow(user=user, page=service_pages[2])
    item = make_item(presse, "PLU : enquête publique", age=timedelta(days=5))
    Share.objects.create(page=item, service=service_pages[2], note="À lire avant la commission.")
    send_digests(frequency="daily")
    assert "PLU : enquête publique" in mail.outbox[0].body
    assert "À lire avant la commission." in mail.outbox[0].body


def test_dry_run_sends_and_records_nothing(make_user, presse):
    subscriber(make_user, "helene", presse)
    out = StringIO()
    call_command("send_digests", "--frequency", "daily", "--dry-run", stdout=out)
    assert mail.outbox == [] and not DigestLog.objects.exists()
    assert "helene@mairie.example : 1 article(s)" in out.getvalue()
    assert PortalProfile.objects.get(user__username="helene").last_digest_at is None


def test_command_prints_a_summary(make_user, presse):
    subscriber(make_user, "helene", presse)
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "1 lettre(s) envoyée(s)" in out.getvalue()


def test_unsubscribe_link_works_without_login(make_user, presse):
    user = subscriber(make_user, "helene", presse)
    send_digests(frequency="daily")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").replace("http://testserver", "")
    anonymous = Client()
    page = anonymous.get(link)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    assert PortalProfile.objects.get(user=user).digest_frequency == "daily"  # a GET (link preview) changes nothing
    assert anonymous.post(link).status_code == 200
    assert PortalProfile.objects.get(user=user).digest_frequency == "none"


def test_tampered_unsubscribe_token_gets_404(make_user, presse):
    subscriber(make_user, "helene", presse)
    send_digests(frequency="daily")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").replace("http://testserver", "")
    assert Client().get(link[:-3] + "xyz/").status_code == 404


# --- a real SMTP server on loopback ----------------------------------------------------------

REFUSED = "refuse@mairie.example"


class RecordingHandler:
    def __init__(self):
        self.envelopes = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


def test_smtp_failure_for_one_recipient_does_not_lose_the_others(make_user, presse, smtp_server):
    subscriber(make_user, "alice", presse)
    refused = subscriber(make_user, "refuse", presse)
    subscriber(make_user, "zoe", presse)
    summary = send_digests(frequency="daily")
    assert summary.sent == 2
    assert [who for who, _ in summary.failed] == [REFUSED]
    delivered = sorted(rcpt for envelope in smtp_server.envelopes for rcpt in envelope.rcpt_tos)
    assert delivered == ["alice@mairie.example", "zoe@mairie.example"]
    parsed = email.message_from_bytes(smtp_server.envelopes[0].content)
    assert parsed.is_multipart()
    assert {part.get_content_type() for part in parsed.walk()} >= {"text/plain", "text/html"}
    failure = DigestLog.objects.get(user=refused)
    assert failure.status == "failed" and "550" in failure.error
    assert PortalProfile.objects.get(user=refused).last_digest_at is None

    # The next run retries only the agent who did not get it.
    smtp_server.envelopes.clear()
    summary = send_digests(frequency="daily")
    assert summary.skipped == 2 and len(summary.failed) == 1
