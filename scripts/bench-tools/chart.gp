# Clustered bars of median wall time per workload (lower is better); called by scripts/bench.
set terminal png size 1000,520 font ",11"
set output outfile
set title "Pixelmill and peers, same photos, same 2-core machine (median wall seconds, lower is better)"
set style data histogram
set style histogram cluster gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set ylabel "seconds"
set logscale y
set grid ytics
set key outside right top
set xrange [-0.6:3.6]
# "every ::1" skips chart.dat's header line, which would otherwise be an empty first cluster.
plot datafile every ::1 using 2:xtic(1) title "Pixelmill", '' every ::1 using 3 title "bare OpenCV loop", \
     '' every ::1 using 4 title "libvips", '' every ::1 using 5 title "ImageMagick", \
     '' every ::1 using 6 title "GraphicsMagick"
