"""Build the typed model from records, one module per record kind.

:mod:`.record` reads a file (YAML, then the JSON Schema) and collects problems with the line of
each field; :mod:`.body`, :mod:`.meeting`, :mod:`.press` and :mod:`.year` turn a record's data
into the model (:mod:`kokous.model`). They report only what stops the model from being built
(the K0xx rules of :mod:`kokous.lint.reading`); every other rule is judged afterwards, over the
model, by :mod:`kokous.lint`. :mod:`kokous.records` puts a body's year together.
"""
