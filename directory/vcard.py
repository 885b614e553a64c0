"""An agent's card as a vCard 4.0 (RFC 6350), the format address books import."""

import vobject

from .phones import tel_uri


def agent_vcard(agent, organisation):
    """Serialise a visible agent; only what the directory itself shows is written."""
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("kind").value = "individual"
    card.add("fn").value = agent.full_name
    card.add("n").value = vobject.vcard.Name(family=agent.display_last_name, given=agent.first_name)
    units = [organisation] + ([agent.service.name] if agent.service_id else [])
    card.add("org").value = units
    if agent.function_title:
        card.add("title").value = agent.function_title
    for number, extension, kind in [
        (agent.phone, agent.extension, "work"),
        (agent.published_mobile, "", "cell"),
    ]:
        uri = tel_uri(number, extension)
        if uri:
            tel = card.add("tel")
            tel.value = uri
            tel.params["TYPE"] = ["work", "voice"] if kind == "work" else ["work", "cell"]
            tel.params["VALUE"] = ["uri"]
    if agent.email:
        email = card.add("email")
        email.value = agent.email
        email.params["TYPE"] = ["work"]
    if agent.office or agent.building:
        card.add("note").value = ", ".join(filter(None, [agent.building, agent.office and f"bureau {agent.office}"]))
    return card.serialize()
