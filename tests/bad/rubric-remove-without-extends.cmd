jz-rubric lint tests/bad/rubric-remove-without-extends.yaml
