jz-rubric lint tests/bad/rubric-extends-loop.yaml
