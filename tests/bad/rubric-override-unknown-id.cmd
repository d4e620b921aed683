jz-rubric lint tests/bad/rubric-override-unknown-id.yaml
