jz-rubric lint tests/bad/rubric-extends-loop-b.yaml
