jz-verify --draw samples/verify/draw-HZ-NZ.csv tests/bad/verify-impossible-recounts.csv
