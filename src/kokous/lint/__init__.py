"""Every rule a record can break, in one registry, each with a code and a page.

Loading (:mod:`kokous.records`) turns a record into the typed model and reports only what stops
that: YAML that cannot be read, fields of the wrong shape (the JSON Schemas), ids that name
nothing (K0xx, :mod:`.reading`). The layout (:mod:`kokous.layout`) and :mod:`.folders` judge
file and folder names before anything is read (K1xx). Every other rule is one small function
here, run over the built model by :func:`run`:

====== ============================================= ==============================
codes  topic                                         module
====== ============================================= ==============================
K0xx   reading a record into the model               :mod:`.reading`
K1xx   files and folders under records/              :mod:`.folders`
K20x   a body's roster: memberships, deputies, seats :mod:`.roster`
K22x   a body's settings                             :mod:`.settings`
K30x   a meeting's date, times, numbers, status      :mod:`.schedule`
K32x   items: ids, titles, secrecy, agenda           :mod:`.items`
K34x   attendance and deputies                       :mod:`.attendance`
K36x   quorum                                        :mod:`.quorum`
K37x   votes                                         :mod:`.votes`
K38x   minutes                                       :mod:`.minutes`
K40x   the press release                             :mod:`.press`
K50x   a year's narrative, and across meetings       :mod:`.years`
K60x   texts in any record                           :mod:`.text`
====== ============================================= ==============================

Every problem prints as ``file:line: CODE field: message``; ``kokous validate --explain CODE``
prints the rule's page, ``kokous validate --list-rules`` lists them all, and the reference in
docs/records.md is generated from this registry (a test keeps it current).

How to add a rule
-----------------
1. Pick the topic module (or add one to :data:`registry.TOPICS`) and the next free code of its
   group; a code is never reused, not even for a removed rule.
2. Write one function over the subject of its scope (:mod:`.subjects`: ``BodySubject``,
   ``MeetingSubject``, ``YearSubject``, ``VolumeSubject``) that yields ``(field path, message)`` for
   each problem, the path as in the record (``("items", 4, "votes", "for")``) so the message
   carries that line. Decorate it::

       @rule("K378", "vote-without-question", scope="meeting", field="items[].votes.question")
       def vote_has_question(subject: MeetingSubject) -> Iterator[Finding]:
           \"\"\"A vote without the question put to it.

           Why: … Example: … Fix: …
           \"\"\"

   The docstring is the rule's page: a one-line summary, then why, an example, how to fix.
   The message says what is wrong and what to change, in one line.
3. Add a case that triggers it to ``tests/test_rules.py`` (the test fails for a rule without
   one), and regenerate the reference: ``kokous validate --list-rules --format markdown``
   (``python scripts/rules_reference.py`` writes it into docs/records.md).

A new field the model must carry goes first into the schema (schemas/) and the model
(:mod:`kokous.model`) and the loader; then its rules come here.
"""

from __future__ import annotations

from .registry import Rule, all_rules, find, findings, rule, run

__all__ = ["Rule", "all_rules", "find", "findings", "rule", "run"]
