from issste_mon.cli import main

main()
