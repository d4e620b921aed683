jz-verify --draw samples/verify/draw-HZ-NZ.csv tests/bad/verify-recounts-do-not-fit.csv
