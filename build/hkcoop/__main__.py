from hkcoop.cli import app

app(prog_name="hkcoop")
