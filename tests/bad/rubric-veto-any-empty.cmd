jz-rubric lint tests/bad/rubric-veto-any-empty.yaml
