from albumen import run

run()
