print("naive-app")
