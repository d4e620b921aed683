jz-validate tests/bad/ref/contracts.csv tests/bad/records-unknown-centre-outside-contract.csv
